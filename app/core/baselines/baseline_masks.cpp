#include "specdither/baseline_masks.h"

#include "baselines/baseline_methods.h"

namespace specdither {

namespace {

bool isPowerOfTwo(uint32_t n) { return n && !(n & (n - 1)); }

// Void-and-cluster is O(N (kernel + log N)); beyond this the run takes minutes and the ranks would no longer
// fit a 16-bit export anyway.
constexpr uint64_t kMaxPixels = uint64_t(4096) * 4096;

}  // namespace

double defaultBaselineSigma(BaselineMethod method) {
  switch (method) {
    case BaselineMethod::VoidAndCluster: return 1.9;
    case BaselineMethod::Lottes: return 1.0;
    default: return 0.0;
  }
}

bool parseBaselineMethod(const std::string& name, BaselineMethod* method) {
  if (name == "white")
    *method = BaselineMethod::White;
  else if (name == "bayer")
    *method = BaselineMethod::Bayer;
  else if (name == "vac" || name == "void-and-cluster")
    *method = BaselineMethod::VoidAndCluster;
  else if (name == "lottes")
    *method = BaselineMethod::Lottes;
  else
    return false;
  return true;
}

const char* baselineMethodName(BaselineMethod method) {
  switch (method) {
    case BaselineMethod::White: return "white";
    case BaselineMethod::Bayer: return "bayer";
    case BaselineMethod::VoidAndCluster: return "vac";
    case BaselineMethod::Lottes: return "lottes";
  }
  return "unknown";
}

std::string checkBaseline(BaselineMethod method, const MaskShape& shape) {
  const std::string flat = check2DShape(shape, std::string("the ") + baselineMethodName(method) + " baseline");
  if (!flat.empty()) return flat;
  const std::string size = toString(shape);
  if (shape.width == 0 || shape.height == 0) return "mask size must be at least 1x1 (got " + size + ")";
  if (shape.planeSize() > kMaxPixels)
    return "mask size " + size + " is too large for a baseline (at most 4096x4096 pixels)";
  if (method == BaselineMethod::Bayer && (!isPowerOfTwo(shape.width) || !isPowerOfTwo(shape.height)))
    return "bayer needs power-of-two width and height (got " + size + ")";
  return "";
}

Mask generateBaseline(BaselineMethod method, const MaskShape& shape, uint64_t seed, double sigma, std::string* error,
                      const std::function<void(double)>& progress) {
  const std::string refusal = checkBaseline(method, shape);
  if (!refusal.empty()) {
    if (error) *error = refusal;
    return Mask{};
  }
  if (sigma <= 0) sigma = defaultBaselineSigma(method);
  std::vector<uint32_t> ranks;
  switch (method) {
    case BaselineMethod::White: ranks = whiteNoiseRanks(shape, seed); break;
    case BaselineMethod::Bayer: ranks = bayerRanks(shape); break;
    case BaselineMethod::VoidAndCluster: ranks = voidAndClusterRanks(shape, seed, sigma, progress); break;
    case BaselineMethod::Lottes: ranks = lottesRanks(shape, seed, sigma, progress); break;
  }
  return maskFromRanks({shape, std::move(ranks)});
}

}  // namespace specdither

// The GPU vector swap stage (vector_swap_optimizer.h, docs/method.md §10.2).
#include "specdither/vector_swap_optimizer.h"

#include "specdither/compute_kernel.h"
#include "specdither/gpu_buffer.h"
#include "specdither/stack_preset.h"
#include "swap/swap_internal.h"
#include "vector_swap_shared.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace specdither {

struct VectorSwapOptimizer {
  GpuContext* context = nullptr;
  uint32_t width = 0, height = 0, slices = 1, pixelCount = 0, proposalCount = 0, offsetCount = 0;
  VectorSwapParams params;
  uint64_t pass = 0;
  std::vector<VectorValue> values;
  std::vector<double> filter;
  ComputeKernel propose, apply;
  GpuBuffer indices, valueTable, offsets, filterO, proposals, claims;
};

namespace {

uint32_t distanceKind(VectorDomain domain) {
  switch (domain) {
    case VectorDomain::Square: return SD_VECTOR_DISTANCE_EUCLIDEAN;
    case VectorDomain::Circle: return SD_VECTOR_DISTANCE_CIRCLE;
    case VectorDomain::Sphere: return SD_VECTOR_DISTANCE_ANGLE_CAPPED;
    default: return SD_VECTOR_DISTANCE_ANGLE;
  }
}

void recordPropose(VkCommandBuffer cmd, VectorSwapOptimizer* o, float temperature, bool evaluateOnly) {
  const VectorSwapParams& p = o->params;
  gpu::VectorSwapProposePush push = {};
  push.width = o->width;
  push.height = o->height;
  push.pixelCount = o->pixelCount;
  push.proposalCount = o->proposalCount;
  push.offsetCount = o->offsetCount;
  push.seedLow = uint32_t(p.seed);
  push.seedHigh = uint32_t(p.seed >> 32);
  push.pass = uint32_t(o->pass);
  push.randomThreshold = fraction24(p.randomPartner);
  push.neighbourRadius = p.neighbourRadius;
  push.temperature = temperature;
  push.evaluateOnly = evaluateOnly ? 1 : 0;
  push.slices = o->slices;
  recordDispatch(cmd, o->propose, {&o->indices, &o->valueTable, &o->offsets, &o->filterO, &o->proposals, &o->claims},
                 push, o->proposalCount);
}

}  // namespace

VectorSwapParams defaultVectorSwapParams(VectorDomain domain, const MaskShape& shape) {
  VectorSwapParams p;
  p.domain = domain;
  // K = -d^(1/4): FAST's -d has flat directions (§10.2); measured at 128x128 the concave kernel wins everywhere,
  // most on the circle (-9.4 dB against -3.5 at sigma 1).
  p.distancePower = 0.25;
  if (domain == VectorDomain::Square || domain == VectorDomain::HemisphereCosine) {
    p.proposalsPerPixel = 0.5;
    p.randomPartner = 0.6;
    // A pass costs ~N T: N p proposals, each gathering the offsets of T slices in a stack.
    const uint64_t n = std::max<uint64_t>(1, shape.pixelCount());
    p.passes = uint32_t(std::clamp<uint64_t>((uint64_t(1) << 28) / n, 4000, 16000));
  }
  // A stack weighs the other slices as the scalar stack preset does, T / 8 within [1, 8] (docs/method.md §10.5:
  // at 32x32x16 w = 2 gave vec2's EMA 0.1 0.6 dB more than w = 1, at 32x32x32 w = 4 1.4 dB more).
  if (shape.slices > 1) p.temporalWeight = defaultStackTemporalWeight(shape);
  return p;
}

std::string checkVectorSwapParams(const MaskShape& shape, const VectorSwapParams& params) {
  std::string refusal = checkMaskShape(shape);
  if (refusal.empty() && shape.slices == 1) refusal = check2DShape(shape, "--values");
  if (refusal.empty() && shape.channels != 1) refusal = "--values takes no --channels (the vector is the value)";
  if (refusal.empty() && shape.slices > 1) refusal = checkTemporalFilter(params.temporal, shape.slices);
  if (!refusal.empty()) return refusal;
  if (!(params.temporalWeight >= 0 && params.temporalWeight <= 1000))
    return "the temporal weight must lie in [0, 1000]";
  if (size_t(shape.planeSize()) * shape.slices > (1u << 20))
    return "mask too large for --values (more than 2^20 pixels)";
  if (!(params.sigma > 0 && params.sigma < 16)) return "the sigma of --values must lie in (0, 16)";
  if (!(params.distancePower > 0 && params.distancePower <= 2)) return "the distance power must lie in (0, 2]";
  if (!(params.radiusInStd > 0 && params.radiusInStd <= 6)) return "the gather radius must lie in (0, 6] std";
  if (!(params.proposalsPerPixel > 0 && params.proposalsPerPixel <= 1)) return "proposals per pixel must lie in (0, 1]";
  if (!(params.randomPartner >= 0 && params.randomPartner <= 1)) return "the random partner share must lie in [0, 1]";
  if (params.neighbourRadius < 1 || params.neighbourRadius >= std::min(shape.width, shape.height))
    return "the neighbour radius must lie in [1, min(width, height) - 1]";
  if (!(params.startTemperature >= 0 && params.startTemperature <= 1e6)) return "the temperature must be >= 0";
  if (params.passes > 10000000) return "at most 10,000,000 passes";
  if (!(params.startSigma == 0 || (params.startSigma > 0 && params.startSigma < 16)))
    return "the start sigma of --values must be 0 (off) or lie in (0, 16)";
  if (!(params.startShare >= 0 && params.startShare <= 1)) return "the start share must lie in [0, 1]";
  return "";
}

VectorSwapOptimizer* createVectorSwapOptimizer(GpuContext* context, const MaskShape& shape,
                                               const VectorSwapParams& params, std::string* error) {
  const std::string refusal = checkVectorSwapParams(shape, params);
  if (!refusal.empty()) {
    if (error) *error = refusal;
    return nullptr;
  }
  VectorSwapOptimizer* o = new VectorSwapOptimizer();
  o->context = context;
  o->width = shape.width;
  o->height = shape.height;
  o->slices = shape.slices;
  o->pixelCount = shape.width * shape.height;
  o->params = params;
  o->values = stratifiedVectorSample(params.domain, o->pixelCount);
  o->filter = vectorStackFilterTable(o->width, o->height, o->slices, params.sigma, params.radiusInStd, params.temporal,
                                     params.temporalWeight);
  const size_t stackCount = size_t(o->pixelCount) * o->slices;
  o->proposalCount = std::max<uint32_t>(1, uint32_t(std::lround(params.proposalsPerPixel * o->pixelCount)));

  // O: every nonzero torus offset class with F != 0, once, as its shortest representative (|d| < side).
  std::vector<int32_t> offsetTable;
  std::vector<float> filterO;
  for (const VectorFilterTap& tap : vectorFilterTaps(o->width, o->height, o->slices, o->filter)) {
    offsetTable.insert(offsetTable.end(), {tap.dx, tap.dy, tap.dt, 0});
    filterO.push_back(float(tap.weight));
  }
  o->offsetCount = uint32_t(filterO.size());
  // The propose pass loops once over O per invocation (loopsFitDevice), as the scalar swap stage checks.
  if (!loopsFitDevice(context, o->offsetCount)) {
    if (error)
      *error = "a gather of " + std::to_string(o->offsetCount) + " offsets (sigma " + std::to_string(params.sigma) +
               ") " + cpuDeviceLoopLimitNote() + ": use a smaller sigma or gather radius there, or a GPU";
    delete o;
    return nullptr;
  }

  // The distance and its power are the propose shader's specialization constants (a float by its bits).
  const float power = float(params.distancePower);
  uint32_t powerBits = 0;
  std::memcpy(&powerBits, &power, 4);
  o->propose = createSpecializedKernel(context, "vector_swap_propose", 6, sizeof(gpu::VectorSwapProposePush),
                                       {distanceKind(params.domain), powerBits}, SD_VECTOR_SWAP_GROUP_SIZE);
  o->apply = createKernel(context, "vector_swap_apply", 3, sizeof(gpu::VectorSwapApplyPush), SD_VECTOR_SWAP_GROUP_SIZE);
  const size_t n = o->pixelCount;
  o->indices = createBuffer(context, stackCount * 4, MemoryKind::DeviceLocal);
  o->valueTable = createBuffer(context, n * 16, MemoryKind::DeviceLocal);
  o->offsets = createBuffer(context, std::max<size_t>(1, offsetTable.size()) * 4, MemoryKind::DeviceLocal);
  o->filterO = createBuffer(context, std::max<size_t>(1, filterO.size()) * 4, MemoryKind::DeviceLocal);
  o->proposals = createBuffer(context, size_t(o->proposalCount) * 16, MemoryKind::DeviceLocal);
  o->claims = createBuffer(context, n * 4, MemoryKind::DeviceLocal);  // one claim per column (x, y)
  uploadBuffer(context, o->valueTable, o->values.data(), n * 16);
  if (!offsetTable.empty()) {
    uploadBuffer(context, o->offsets, offsetTable.data(), offsetTable.size() * 4);
    uploadBuffer(context, o->filterO, filterO.data(), filterO.size() * 4);
  }
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordFillBuffer(cmd, o->claims, 0xffffffffu); });
  // Every slice its own random order of the sample (slice 0 the 2D mask's).
  std::vector<uint32_t> start;
  for (uint32_t t = 0; t < o->slices; ++t) {
    const std::vector<uint32_t> slice = shuffledRanks(n, params.seed + t);
    start.insert(start.end(), slice.begin(), slice.end());
  }
  setVectorSwapIndices(o, start);
  return o;
}

void destroyVectorSwapOptimizer(VectorSwapOptimizer* o) {
  if (!o) return;
  destroyKernel(o->context, o->propose);
  destroyKernel(o->context, o->apply);
  for (GpuBuffer* b : {&o->indices, &o->valueTable, &o->offsets, &o->filterO, &o->proposals, &o->claims})
    destroyBuffer(o->context, *b);
  delete o;
}

const std::vector<VectorValue>& vectorSwapValues(const VectorSwapOptimizer* o) { return o->values; }
const std::vector<double>& vectorSwapFilter(const VectorSwapOptimizer* o) { return o->filter; }

std::vector<uint32_t> readVectorSwapIndices(VectorSwapOptimizer* o) {
  std::vector<uint32_t> out(size_t(o->pixelCount) * o->slices);
  downloadBuffer(o->context, o->indices, out.data(), out.size() * 4);
  return out;
}

void setVectorSwapIndices(VectorSwapOptimizer* o, const std::vector<uint32_t>& indices) {
  uploadBuffer(o->context, o->indices, indices.data(), size_t(o->pixelCount) * o->slices * 4);
}

void recordVectorSwapPasses(VkCommandBuffer cmd, VectorSwapOptimizer* o, uint32_t count, float temperature) {
  const gpu::VectorSwapApplyPush applyPush = {o->proposalCount, o->pixelCount};
  for (uint32_t k = 0; k < count; ++k) {
    recordPropose(cmd, o, temperature, false);
    recordComputeBarrier(cmd);  // claims and proposals complete before any winner is decided
    recordDispatch(cmd, o->apply, {&o->indices, &o->proposals, &o->claims}, applyPush, o->proposalCount);
    recordComputeBarrier(cmd);  // claims read before they are released
    recordFillBuffer(cmd, o->claims, 0xffffffffu);
    recordComputeBarrier(cmd);  // released claims and swapped indices before the next pass
    ++o->pass;
  }
}

void recordVectorSwapEvaluation(VkCommandBuffer cmd, VectorSwapOptimizer* o) {
  recordPropose(cmd, o, 0.0f, true);
  recordHostReadBarrier(cmd);
}

std::vector<VectorSwapProposal> readVectorSwapProposals(VectorSwapOptimizer* o) {
  // The shader's uvec4 (p, q, dE bits, state) is the struct's layout: copied as it is.
  static_assert(sizeof(VectorSwapProposal) == 16, "VectorSwapProposal mirrors the shader's uvec4");
  std::vector<VectorSwapProposal> out(o->proposalCount);
  downloadBuffer(o->context, o->proposals, out.data(), out.size() * sizeof(VectorSwapProposal));
  return out;
}

namespace {

// Runs `passes` passes on o: the start temperature calibrated on o's own |dE| (params.startTemperature units),
// geometric cooling over the first 80%, then greedy; one submit per chunk of passes.
void runVectorPhase(GpuContext* context, VectorSwapOptimizer* o, uint32_t passes) {
  float startTemperature = 0;
  if (o->params.startTemperature > 0) {
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordVectorSwapEvaluation(cmd, o); });
    std::vector<float> magnitudes;
    for (const VectorSwapProposal& p : readVectorSwapProposals(o))
      if (p.p != p.q) magnitudes.push_back(std::fabs(p.delta));
    if (!magnitudes.empty()) {
      std::nth_element(magnitudes.begin(), magnitudes.begin() + magnitudes.size() / 2, magnitudes.end());
      startTemperature = float(o->params.startTemperature * magnitudes[magnitudes.size() / 2]);
    }
  }
  const uint32_t chunk = 50, coolPasses = uint32_t(0.8 * passes);
  for (uint32_t done = 0; done < passes;) {
    const uint32_t count = std::min(chunk, passes - done);
    float temperature = 0;
    if (startTemperature > 0 && done < coolPasses)
      temperature = startTemperature * float(std::pow(1e-3, double(done) / std::max<uint32_t>(1, coolPasses)));
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordVectorSwapPasses(cmd, o, count, temperature); });
    done += count;
  }
}

}  // namespace

Mask runVectorSwap(GpuContext* context, uint32_t width, uint32_t height, const VectorSwapParams& params,
                   uint32_t slices) {
  std::string error;
  const uint32_t startPasses = params.startSigma > 0 ? uint32_t(std::lround(params.startShare * params.passes)) : 0;
  std::vector<uint32_t> startIndices;
  uint64_t passesDone = 0;
  if (startPasses > 0) {
    VectorSwapParams coarse = params;
    coarse.sigma = params.startSigma;
    VectorSwapOptimizer* c = createVectorSwapOptimizer(context, {width, height, slices}, coarse, &error);
    if (!c) throw std::invalid_argument(error);
    runVectorPhase(context, c, startPasses);
    startIndices = readVectorSwapIndices(c);
    passesDone = c->pass;
    destroyVectorSwapOptimizer(c);
  }
  VectorSwapOptimizer* o = createVectorSwapOptimizer(context, {width, height, slices}, params, &error);
  if (!o) throw std::invalid_argument(error);
  if (!startIndices.empty()) {
    setVectorSwapIndices(o, startIndices);
    o->pass = passesDone;  // the random streams go on instead of repeating the coarse phase's
  }
  runVectorPhase(context, o, params.passes - startPasses);
  const std::vector<uint32_t> indices = readVectorSwapIndices(o);
  const uint32_t components = vectorComponents(params.domain);
  Mask mask;
  mask.shape = {width, height, slices, components};
  mask.values.resize(mask.shape.valueCount());
  for (size_t i = 0; i < indices.size(); ++i)
    exportedComponents(params.domain, o->values[indices[i]], &mask.values[i * components]);
  destroyVectorSwapOptimizer(o);
  return mask;
}

}  // namespace specdither

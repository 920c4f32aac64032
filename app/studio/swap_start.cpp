#include "swap_start.h"

#include "specdither/swap_preset.h"

namespace specdither::studio {

namespace {

uint32_t candidatesOf(const MaskShape& shape, const SwapParams& p) {
  return p.startCandidates ? p.startCandidates : defaultStartCandidates(shape);
}

}  // namespace

std::string describeSwapStart(const MaskShape& shape, const SwapParams& p) {
  if (p.start == SwapStart::Random) return "random start";
  const uint32_t n = candidatesOf(shape, p);
  return "void-and-cluster start (" + std::to_string(n) + (n == 1 ? " candidate)" : " candidates)");
}

}  // namespace specdither::studio

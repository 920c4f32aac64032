#include "swap_start.h"

#include "specdither/swap_preset.h"

namespace specdither::studio {

namespace {

uint32_t candidatesOf(uint32_t width, uint32_t height, const SwapParams& p) {
  return p.startCandidates ? p.startCandidates : defaultStartCandidates(width, height);
}

}  // namespace

std::string describeSwapStart(uint32_t width, uint32_t height, const SwapParams& p) {
  if (p.start == SwapStart::Random) return "random start";
  const uint32_t n = candidatesOf(width, height, p);
  return "void-and-cluster start (" + std::to_string(n) + (n == 1 ? " candidate)" : " candidates)");
}

}  // namespace specdither::studio

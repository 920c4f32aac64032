// Where a swap run starts (SwapParams::start): the best of several void-and-cluster masks by the preset's start
// score, or a shuffled permutation. CPU work of seconds at 64x64 (64 candidates) and 256x256, so the studio
// runs it on its worker thread (background_jobs.h) while the window stays live.
//
// TODO(core): this mirrors bestVoidAndClusterStart in swap_preset.cpp (anonymous there); an exported
// swapStartRanks(width, height, params, error) in swap_preset.h would let the studio call the preset's own.
#pragma once

#include "swap_optimizer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither::studio {

// The start ranks, or an empty vector with *error when the size is refused.
std::vector<uint32_t> swapStartRanks(uint32_t width, uint32_t height, const SwapParams& params, std::string* error);

// "void-and-cluster start (64 candidates)" / "random start": for progress messages.
std::string describeSwapStart(uint32_t width, uint32_t height, const SwapParams& params);

}  // namespace specdither::studio

// Where a swap run starts (SwapParams::start) is chosen by the core's chooseSwapStart (swap_start_selection.h):
// CPU work of seconds at 64x64 (64 candidates) and 256x256, so the studio runs it on its worker thread
// (background_jobs.h) while the window stays live. This file only describes the choice for progress messages.
#pragma once

#include "specdither/swap_optimizer.h"
#include "specdither/swap_start_selection.h"

#include <cstdint>
#include <string>

namespace specdither::studio {

// "void-and-cluster start (64 candidates)" / "random start": for progress messages.
std::string describeSwapStart(const MaskShape& shape, const SwapParams& params);

}  // namespace specdither::studio

// Speed of the stack preset (docs/method.md §8): the GPU swap passes on a stack against the CPU double reference
// evaluating the same proposals' energy changes (the 2D part and the temporal fields' part, stack_energy.h), in one
// process, and the whole preset's time (starts and passes) as `generate --slices` runs it.
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"
#include "specdither/mask.h"

namespace specdither {

struct StackBenchResult {
  MaskShape shape;
  double gpuProposalsPerSecond = 0;  // within whole passes (propose, apply, refresh, the fields' update)
  double cpuProposalsPerSecond = 0;  // dE in double of the same proposals (one core), no decision or update
  double presetSeconds = 0;          // runDefaultPreset with defaultStackParams, seed 1 (0 when not measured)
  uint32_t passes = 0;               // of the preset
};

// Measures the rates for about minSeconds each (after a warm-up pass) and, when withPreset, runs the whole preset.
// The shape must be a stack the swap stage takes (checkSwapParams). Returns false with *error otherwise.
SPECDITHER_API bool benchmarkStackSwaps(GpuContext* context, const MaskShape& shape, double minSeconds, bool withPreset,
                                        StackBenchResult* result, std::string* error);

}  // namespace specdither

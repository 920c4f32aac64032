// Speed of the vector swap stage (docs/method.md §10): the GPU swap passes of `generate --values` against the CPU
// double reference evaluating the same proposals' energy changes (vectorSwapDelta, one core), in one process, and
// the whole run's time as `generate --values` runs it (default parameters, seed 1).
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"
#include "specdither/mask.h"
#include "specdither/vector_swap_optimizer.h"

#include <string>

namespace specdither {

struct VectorBenchResult {
  VectorDomain domain = VectorDomain::Square;
  MaskShape shape;                   // W x H, or W x H x T for a stack
  double gpuProposalsPerSecond = 0;  // within whole passes (propose, apply, claims released)
  double cpuProposalsPerSecond = 0;  // dE in double of the same proposals (one core), no decision or update
  double runSeconds = 0;             // runVectorSwap with defaultVectorSwapParams (0 when not measured)
  uint32_t passes = 0;               // of that run
};

// Measures the rates for about minSeconds each (after a warm-up pass, from a random order: the dE of a run's start)
// and, when withRun, the whole run. Returns false with *error for a shape or parameters the stage refuses.
SPECDITHER_API bool benchmarkVectorSwaps(GpuContext* context, VectorDomain domain, const MaskShape& shape,
                                         double minSeconds, bool withRun, VectorBenchResult* result,
                                         std::string* error);

}  // namespace specdither

// Which GPU arg-sort the article preset's histogram term uses (Wronski 2020: the gradient of a sort is a scatter
// by rank). Two algorithms with one contract and the same results: the bitonic sort (Batcher 1968) for GPUs, and
// a merge sort for CPU Vulkan implementations such as lavapipe, where it is ~10x faster because it needs few
// workgroup barriers.
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"

namespace specdither {

enum class SortAlgorithm { Auto, Bitonic, Merge };  // Auto: Merge on CPU devices, Bitonic elsewhere

// The algorithm Auto stands for on this device (requested itself when it is not Auto).
SPECDITHER_API SortAlgorithm resolveSortAlgorithm(const GpuContext* context, SortAlgorithm requested);
// "bitonic", "merge" or "auto".
SPECDITHER_API const char* sortAlgorithmName(SortAlgorithm algorithm);

}  // namespace specdither

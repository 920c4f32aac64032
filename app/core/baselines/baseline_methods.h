// Internal: one function per baseline method (baseline_masks.h dispatches to them). Each returns the rank of
// every pixel (row-major, a permutation of 0 .. N-1); the caller turns ranks into a mask and checks sizes (2D
// single-channel shapes only: generateBaseline refuses the others).
#pragma once

#include "specdither/mask.h"

#include <cstdint>
#include <functional>
#include <random>
#include <vector>

namespace specdither {

// A uniformly random permutation of 0 .. n-1 (Fisher-Yates). The bounded draw is written out rather than left
// to std::uniform_int_distribution so that a seed gives the same mask with every standard library.
std::vector<uint32_t> randomPermutation(size_t n, std::mt19937_64& rng);

std::vector<uint32_t> whiteNoiseRanks(const MaskShape& shape, uint64_t seed);

// Width and height must be powers of two (checked by the caller).
std::vector<uint32_t> bayerRanks(const MaskShape& shape);

// progress (may be empty): the share of ranks placed, in [0, 1], every few thousand ranks.
std::vector<uint32_t> voidAndClusterRanks(const MaskShape& shape, uint64_t seed, double sigma,
                                          const std::function<void(double)>& progress = {});

// progress (may be empty): the share of the rounds done, after each.
std::vector<uint32_t> lottesRanks(const MaskShape& shape, uint64_t seed, double sigma,
                                  const std::function<void(double)>& progress = {});

}  // namespace specdither

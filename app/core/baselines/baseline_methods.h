// Internal: one function per baseline method (baseline_masks.h dispatches to them). Each returns the rank of
// every pixel (row-major, a permutation of 0 .. N-1); the caller turns ranks into a mask and checks sizes.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace specdither {

// A uniformly random permutation of 0 .. n-1 (Fisher-Yates). The bounded draw is written out rather than left
// to std::uniform_int_distribution so that a seed gives the same mask with every standard library.
std::vector<uint32_t> randomPermutation(size_t n, std::mt19937_64& rng);

std::vector<uint32_t> whiteNoiseRanks(uint32_t width, uint32_t height, uint64_t seed);

// Width and height must be powers of two (checked by the caller).
std::vector<uint32_t> bayerRanks(uint32_t width, uint32_t height);

std::vector<uint32_t> voidAndClusterRanks(uint32_t width, uint32_t height, uint64_t seed, double sigma);

std::vector<uint32_t> lottesRanks(uint32_t width, uint32_t height, uint64_t seed, double sigma);

}  // namespace specdither

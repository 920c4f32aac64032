// Small file and mask helpers shared by the tests.
#pragma once

#include "specdither/mask.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither::test {

std::vector<uint8_t> slurpBytes(const std::string& path);  // empty when unreadable
std::string slurpText(const std::string& path);            // the same as text
void writeBytes(const std::string& path, const std::vector<uint8_t>& bytes);
// Names in a folder (without "." and ".."), sorted; empty when it cannot be read.
std::vector<std::string> entries(const std::string& folder);
// A mask whose ranks are a random permutation (std::mt19937 seeded with seed).
Mask randomPermutationMask(uint32_t width, uint32_t height, uint32_t seed);

}  // namespace specdither::test

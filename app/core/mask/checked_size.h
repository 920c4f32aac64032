// Sizes computed from numbers read out of a file. A header's width x height x layers x bytes can wrap around 64
// bits to a small number (even to 0) that then passes a length check while every loop still uses the huge
// factors; so every such product goes through checkedProduct, which refuses instead of wrapping. The readers
// (.png, .ktx2, .npy) bound the result further (checkMaskShape, the file's own size) before allocating.
#pragma once

#include <cstdint>
#include <initializer_list>

namespace specdither {

// *product = the product of factors (any range of unsigned integers); false, with *product = 0, when it does
// not fit 64 bits.
template <typename Factors>
bool checkedProduct(const Factors& factors, uint64_t* product) {
  uint64_t result = 1;
  for (const uint64_t f : factors) {
    if (__builtin_mul_overflow(result, f, &result)) {
      *product = 0;
      return false;
    }
  }
  *product = result;
  return true;
}

inline bool checkedProduct(std::initializer_list<uint64_t> factors, uint64_t* product) {
  return checkedProduct<std::initializer_list<uint64_t>>(factors, product);
}

}  // namespace specdither

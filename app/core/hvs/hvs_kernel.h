// The eye model of the dither-quality energy (docs/method.md §3.1, §5.5): a Gaussian low-pass G_sigma defined by
// its frequency response on the H x W torus, its autocorrelation K_sigma = G_sigma * G_sigma, and the set O of
// toroidal offsets over which the swap stage gathers.
//
//   G_sigma(k) = exp(-2 pi^2 sigma^2 |f|^2),  f = (k_x / W, k_y / H) signed as numpy's fftfreq
//   K_sigma(o) = (1/N) sum_k |G_sigma(k)|^2 e^{+2 pi i k.o}   (= ifft2(|G^|^2): a toroidal, aliased Gaussian of
//                                                               std sigma*sqrt(2); sum_o K(o) = |G(0)|^2 = 1)
// so that ||G * e||^2 = sum_{x,y} e_x e_y K(x - y) for any image e on the torus (Parseval).
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"

#include <cstdint>
#include <vector>

namespace specdither {

// The eye model lives on the torus of a 2D single-channel mask shape; the functions below throw
// std::invalid_argument (mask.h's require2DShape) for slices or channels.

// G_sigma(k) for every DFT bin, row-major (index k_y * W + k_x).
std::vector<double> hvsFilterSpectrum(const MaskShape& shape, double sigma);

// K_sigma(o) for every toroidal offset, row-major (index dy * W + dx with dx in [0, W), dy in [0, H)).
// Computed exactly in double precision by a CPU FFT.
std::vector<double> hvsAutocorrelation(const MaskShape& shape, double sigma);

// The gather radius of docs/method.md §3.1: ceil(radiusInStd * sigma * sqrt(2)) (K has std sigma*sqrt(2)).
uint32_t hvsOffsetRadius(double sigma, double radiusInStd);

struct HvsOffset {
  int32_t dx = 0;
  int32_t dy = 0;
};

// O: every toroidal offset class except zero whose shortest representative (|dx| <= W/2, |dy| <= H/2) lies
// within `radius`, each class exactly once (as that representative), sorted by (dy, dx). Symmetric under
// o -> -o. Once the radius reaches the torus' half-diagonal, O is the whole torus minus the zero offset.
std::vector<HvsOffset> hvsOffsets(const MaskShape& shape, uint32_t radius);

// Row-major torus index of an offset (any integers; wrapped).
inline uint32_t torusIndex(int64_t dx, int64_t dy, uint32_t width, uint32_t height) {
  int64_t x = dx % int64_t(width), y = dy % int64_t(height);
  if (x < 0) x += width;
  if (y < 0) y += height;
  return uint32_t(y * width + x);
}

}  // namespace specdither

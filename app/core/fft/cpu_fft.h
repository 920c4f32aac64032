// Double-precision FFT on the CPU, any size (radix-2 for powers of two, Bluestein's chirp-z otherwise).
// The reference that every GPU spectrum is checked against, and the FFT of the CPU metrics.
// Unnormalized in both directions: forward X_k = sum x_n e^{-2 pi i k n / N}, inverse with e^{+...}.
#pragma once

#include "specdither/api.h"

#include <complex>
#include <vector>

namespace specdither {

using Complex = std::complex<double>;

SPECDITHER_API void fft1d(std::vector<Complex>& data, bool inverse);

// 2D transform of a row-major height x width array (index y * width + x), in place.
SPECDITHER_API void fft2d(std::vector<Complex>& data, size_t width, size_t height, bool inverse);

// Convenience: forward 2D transform of real data.
SPECDITHER_API std::vector<Complex> fft2dReal(const std::vector<double>& data, size_t width, size_t height);

}  // namespace specdither

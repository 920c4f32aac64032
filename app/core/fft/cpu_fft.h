// Double-precision 2D FFT on the CPU, any size, by FFTW 3 (Frigo & Johnson 2005, "The design and implementation
// of FFTW3"): the reference that every GPU spectrum is checked against, the FFT of the CPU metrics, the HVS
// model, the Lottes baseline and the CPU reference of the spectral step.
// Conventions: row-major height x width arrays (index y * width + x), unnormalized in both directions (forward
// X_k = sum x_n e^{-2 pi i k n / N}, inverse with e^{+...}).
// Plans are made once per (width, height, direction) with FFTW_ESTIMATE (no timing runs, so the same plan and
// the same rounding every run) and kept for the life of the process; any thread may transform. The plan does
// depend on the SIMD the CPU offers (Debian's libfftw3 has SSE2 and AVX codelets): machines without AVX round
// the last bits differently.
#pragma once

#include <complex>
#include <vector>

namespace specdither {

using Complex = std::complex<double>;

// In place; data.size() must be width * height (an empty array is left alone).
void fft2d(std::vector<Complex>& data, size_t width, size_t height, bool inverse);

// Convenience: forward 2D transform of real data, as a full complex grid.
std::vector<Complex> fft2dReal(const std::vector<double>& data, size_t width, size_t height);

}  // namespace specdither

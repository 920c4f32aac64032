// A planned double-precision 2D FFT on the CPU: the twiddles (and, for sizes that are not powers of two, the
// Bluestein chirp and its spectrum) are computed once per size, so the many transforms of one mask analysis
// (15 threshold patterns, the periodogram, the ramp) cost a few multiply-adds per point instead of a cos/sin
// per butterfly as in cpu_fft.h's one-shot fft2d. Same conventions as cpu_fft.h: row-major (y * width + x),
// unnormalized in both directions (forward e^{-2 pi i k n / N}, inverse e^{+...}).
#pragma once

#include "specdither/api.h"
#include "fft/cpu_fft.h"

#include <memory>
#include <vector>

namespace specdither {

class CpuFftPlan1d;

class SPECDITHER_API CpuFft2d {
 public:
  CpuFft2d(size_t width, size_t height);
  ~CpuFft2d();
  CpuFft2d(const CpuFft2d&) = delete;
  CpuFft2d& operator=(const CpuFft2d&) = delete;

  size_t width() const { return width_; }
  size_t height() const { return height_; }

  // In place; data.size() must be width * height.
  void transform(std::vector<Complex>& data, bool inverse) const;

 private:
  size_t width_, height_;
  std::unique_ptr<CpuFftPlan1d> rows_, columns_;
};

}  // namespace specdither

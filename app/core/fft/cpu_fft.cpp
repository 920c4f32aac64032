#include "fft/cpu_fft.h"

#include <fftw3.h>

#include <cassert>
#include <cstring>
#include <map>
#include <mutex>
#include <tuple>

namespace specdither {

namespace {

// FFTW's planner is not thread-safe (FFTW manual §5.4, "Thread safety"), its new-array execute functions are:
// plans are made and looked up under one lock, then run outside it. An in-place plan made on an fftw_malloc'd
// array serves every array of the same alignment class (fftw_alignment_of == 0), run in place.
class PlanCache {
 public:
  ~PlanCache() {
    for (auto& entry : plans_) fftw_destroy_plan(entry.second);
  }

  fftw_plan get(size_t width, size_t height, bool inverse) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto key = std::make_tuple(width, height, inverse);
    auto found = plans_.find(key);
    if (found != plans_.end()) return found->second;
    fftw_complex* scratch = fftw_alloc_complex(width * height);
    // FFTW_ESTIMATE leaves the array alone while planning and chooses without timing runs: the same plan, so
    // the same rounding, on every run.
    const fftw_plan plan = fftw_plan_dft_2d(int(height), int(width), scratch, scratch,
                                            inverse ? FFTW_BACKWARD : FFTW_FORWARD, FFTW_ESTIMATE);
    fftw_free(scratch);
    plans_.emplace(key, plan);
    return plan;
  }

 private:
  std::mutex mutex_;
  std::map<std::tuple<size_t, size_t, bool>, fftw_plan> plans_;
};

PlanCache& planCache() {
  static PlanCache cache;
  return cache;
}

}  // namespace

void fft2d(std::vector<Complex>& data, size_t width, size_t height, bool inverse) {
  assert(data.size() == width * height);
  if (data.empty()) return;
  const fftw_plan plan = planCache().get(width, height, inverse);
  // std::complex<double> has fftw_complex's layout (C++17 [complex.numbers] p4, FFTW manual §4.1.1).
  fftw_complex* array = reinterpret_cast<fftw_complex*>(data.data());
  if (fftw_alignment_of(reinterpret_cast<double*>(array)) == 0) {
    fftw_execute_dft(plan, array, array);
    return;
  }
  // An array of another alignment class than the plan's (not seen with the usual 16-byte aligned allocators)
  // goes through an aligned copy, since the plan's SIMD codelets may rely on it.
  const size_t bytes = data.size() * sizeof(fftw_complex);
  fftw_complex* aligned = fftw_alloc_complex(data.size());
  std::memcpy(aligned, array, bytes);
  fftw_execute_dft(plan, aligned, aligned);
  std::memcpy(array, aligned, bytes);
  fftw_free(aligned);
}

std::vector<Complex> fft2dReal(const std::vector<double>& data, size_t width, size_t height) {
  std::vector<Complex> c(data.begin(), data.end());
  fft2d(c, width, height, false);
  return c;
}

}  // namespace specdither

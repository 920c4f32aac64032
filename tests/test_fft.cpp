// VkFFT forward (R2C) and inverse (C2R) 2D transforms against the CPU double-precision FFT (cpu_fft.h, FFTW;
// itself checked against the literal DFT in test_cpu_fft.cpp).
#include "fft/cpu_fft.h"
#include "specdither/fft_plan.h"
#include "gpu_test.h"

#include <cmath>
#include <random>

using namespace specdither;

namespace {

struct Size {
  uint32_t width, height;
};

class FftTest : public test::GpuTest, public ::testing::WithParamInterface<Size> {};

// Relative error bound: VkFFT in float32 lands at 1e-7..7e-7 of max|X| (docs/method.md §9); 1e-5 leaves room for
// lavapipe's and other drivers' arithmetic while still catching any wrong bin.
constexpr double kRelativeBound = 1e-5;

TEST_P(FftTest, ForwardMatchesDoubleDft) {
  const Size size = GetParam();
  const uint32_t w = size.width, h = size.height, halfW = w / 2 + 1;
  std::mt19937 rng(w * 131 + h);
  std::uniform_real_distribution<float> dist(-1.f, 1.f);
  std::vector<float> input(size_t(w) * h);
  for (float& v : input) v = dist(rng);

  GpuBuffer real = createBuffer(context, fftRealBufferBytes(w, h), MemoryKind::DeviceLocal);
  GpuBuffer spectrum = createBuffer(context, halfSpectrumBytes(w, h), MemoryKind::DeviceLocal);
  std::string error;
  FftPlan* plan = createFftPlan(context, w, h, FftDirection::Forward, real, spectrum, &error);
  ASSERT_NE(plan, nullptr) << error;
  uploadBuffer(context, real, input.data(), input.size() * 4);
  // Twice in one command buffer: the second run must see the same (rewritten once) descriptors.
  submitAndWait(context, [&](VkCommandBuffer cmd) {
    recordFft(cmd, plan);
    recordComputeBarrier(cmd);
    recordFft(cmd, plan);
  });
  std::vector<float> gpu(size_t(halfW) * h * 2);
  downloadBuffer(context, spectrum, gpu.data(), gpu.size() * 4);

  std::vector<Complex> ref = fft2dReal(std::vector<double>(input.begin(), input.end()), w, h);
  double maxMagnitude = 0, maxError = 0;
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < halfW; ++x) {
      const Complex r = ref[size_t(y) * w + x];
      const Complex g(gpu[(size_t(y) * halfW + x) * 2], gpu[(size_t(y) * halfW + x) * 2 + 1]);
      maxMagnitude = std::max(maxMagnitude, std::abs(r));
      maxError = std::max(maxError, std::abs(r - g));
    }
  EXPECT_LT(maxError / maxMagnitude, kRelativeBound) << w << "x" << h;
  destroyFftPlan(plan);
  destroyBuffer(context, real);
  destroyBuffer(context, spectrum);
}

TEST_P(FftTest, InverseMatchesDoubleDft) {
  const Size size = GetParam();
  const uint32_t w = size.width, h = size.height, halfW = w / 2 + 1;
  std::mt19937 rng(w * 7 + h * 3);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  // A Hermitian spectrum: the transform of real data, so C2R is well defined.
  std::vector<double> source(size_t(w) * h);
  for (double& v : source) v = dist(rng);
  std::vector<Complex> full = fft2dReal(source, w, h);
  std::vector<float> half(size_t(halfW) * h * 2);
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < halfW; ++x) {
      half[(size_t(y) * halfW + x) * 2] = float(full[size_t(y) * w + x].real());
      half[(size_t(y) * halfW + x) * 2 + 1] = float(full[size_t(y) * w + x].imag());
    }
  std::vector<Complex> expected = full;
  fft2d(expected, w, h, true);  // unnormalized: N * source

  GpuBuffer real = createBuffer(context, fftRealBufferBytes(w, h), MemoryKind::DeviceLocal);
  GpuBuffer spectrum = createBuffer(context, halfSpectrumBytes(w, h), MemoryKind::DeviceLocal);
  std::string error;
  FftPlan* plan = createFftPlan(context, w, h, FftDirection::Inverse, real, spectrum, &error);
  ASSERT_NE(plan, nullptr) << error;
  uploadBuffer(context, spectrum, half.data(), half.size() * 4);
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordFft(cmd, plan); });
  std::vector<float> gpu(size_t(w) * h);
  downloadBuffer(context, real, gpu.data(), gpu.size() * 4);
  double maxMagnitude = 0, maxError = 0;
  for (size_t i = 0; i < gpu.size(); ++i) {
    maxMagnitude = std::max(maxMagnitude, std::abs(expected[i].real()));
    maxError = std::max(maxError, std::abs(expected[i].real() - gpu[i]));
  }
  EXPECT_LT(maxError / maxMagnitude, kRelativeBound) << w << "x" << h;
  destroyFftPlan(plan);
  destroyBuffer(context, real);
  destroyBuffer(context, spectrum);
}

INSTANTIATE_TEST_SUITE_P(Sizes, FftTest,
                         ::testing::Values(Size{10, 10}, Size{40, 40}, Size{64, 64}, Size{64, 32}, Size{97, 97},
                                           Size{256, 256}, Size{12, 16}),
                         [](const ::testing::TestParamInfo<Size>& info) {
                           return std::to_string(info.param.width) + "x" + std::to_string(info.param.height);
                         });

}  // namespace

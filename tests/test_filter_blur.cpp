// Blurring on the GPU with a separable filter (R horizontal + R vertical passes) and with the exact 2D kernel,
// each against the CPU double convolution cpuBlur, with and without the article's gamma (Wronski 2020).
#include "specdither/filter/filter_blur.h"
#include "specdither/filter/filter_kernel.h"
#include "specdither/filter/filter_optimizer.h"
#include "specdither/filter/filter_sheet.h"
#include "specdither/filter/filter_reference.h"
#include "specdither/filter/filter_svd.h"
#include "gpu_test.h"

#include <cmath>
#include <cstdio>
#include <random>

namespace specdither {
namespace {

using test::GpuTest;

FloatImage randomImage(uint32_t w, uint32_t h, uint32_t channels, uint32_t seed) {
  FloatImage img;
  img.width = w;
  img.height = h;
  img.channels = channels;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(0, 1);
  for (size_t i = 0; i < img.count(); ++i) img.pixels.push_back(u(rng));
  return img;
}

SeparableFilter randomFilter(uint32_t rank, uint32_t width, uint32_t height, uint32_t seed) {
  SeparableFilter f;
  f.rank = rank;
  f.width = width;
  f.height = height;
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-0.3, 1.0);  // some negative taps: ringing must survive the passes
  for (size_t i = 0; i < size_t(rank) * (width + height); ++i) f.params.push_back(u(rng));
  return f;
}

class FilterBlurFixture : public GpuTest {
 protected:
  // Largest |GPU - CPU| over the image, for the separable path with f or the exact path with f's 2D taps.
  void compare(const FloatImage& img, const SeparableFilter& f, float gamma, double scale, double tolerance) {
    std::string error;
    FilterBlur* blur = createFilterBlur(context, img, gamma, &error);
    ASSERT_NE(blur, nullptr) << error;
    const std::vector<float> params = filterParamsAsFloat(f);
    const SeparableFilter fFloat = filterFromFloat(f.rank, f.width, f.height, params);
    const std::vector<double> taps = reconstructFilter(fFloat);
    const std::vector<float> tapsFloat(taps.begin(), taps.end());
    GpuBuffer paramBuffer = createBuffer(context, params.size() * 4, MemoryKind::DeviceLocal);
    GpuBuffer tapBuffer = createBuffer(context, tapsFloat.size() * 4, MemoryKind::DeviceLocal);
    uploadBuffer(context, paramBuffer, params.data(), params.size() * 4);
    uploadBuffer(context, tapBuffer, tapsFloat.data(), tapsFloat.size() * 4);
    GpuBuffer separable = createBlurTarget(context, blur), exact = createBlurTarget(context, blur);
    submitAndWait(context, [&](VkCommandBuffer cmd) {
      recordSeparableBlur(cmd, blur, paramBuffer, f.rank, f.width, f.height, float(scale), separable);
      recordExactBlur(cmd, blur, tapBuffer, f.width, f.height, float(scale), exact);
    });
    const FloatImage s = readBlurTarget(context, blur, separable), e = readBlurTarget(context, blur, exact);
    // The reference uses the float taps' exact 2D products in double.
    const std::vector<double> reference = cpuBlur(img, taps, f.width, f.height, scale, gamma);
    double worstS = 0, worstE = 0, range = 0;
    for (size_t i = 0; i < reference.size(); ++i) {
      worstS = std::max(worstS, std::abs(s.pixels[i] - reference[i]));
      worstE = std::max(worstE, std::abs(e.pixels[i] - reference[i]));
      range = std::max(range, std::abs(reference[i]));
    }
    EXPECT_GT(range, 0.01);
    EXPECT_LT(worstS, tolerance * std::max(1.0, range)) << "separable, rank " << f.rank << " gamma " << gamma;
    EXPECT_LT(worstE, tolerance * std::max(1.0, range)) << "exact, rank " << f.rank << " gamma " << gamma;
    destroyBuffer(context, paramBuffer);
    destroyBuffer(context, tapBuffer);
    destroyBuffer(context, separable);
    destroyBuffer(context, exact);
    destroyFilterBlur(blur);
  }
};

// Suite names start with "filter" so that `ctest -R filter` selects this feature's tests.
using filterBlurGpu = FilterBlurFixture;

TEST_F(filterBlurGpu, SeparableAndExactMatchCpuAtGammaOne) {
  const FloatImage img = randomImage(37, 29, 3, 1);
  const SeparableFilter f = randomFilter(3, 9, 7, 2);
  compare(img, f, 1.0f, 0.05, 1e-5);
}

// The article's gamma: x^8 before, the 8th root after. Near a zero linear sum the root amplifies float
// rounding, so the image is kept away from black (every linear sum is well above 0 here).
TEST_F(filterBlurGpu, SeparableAndExactMatchCpuAtGammaEight) {
  FloatImage img = randomImage(33, 21, 2, 3);
  for (float& v : img.pixels) v = 0.6f + 0.4f * v;
  const FilterKernel disk = makeDiskKernel(11);
  const SeparableFilter f = svdSeparableFilter(disk, 11);  // full rank: F = K, no negative sums
  compare(img, f, 8.0f, filterExportScale(disk), 2e-5);
}

// More ranks than one rows pass holds (SD_FILTER_BLUR_MAX_CHUNK = 8): the chunks must add up.
TEST_F(filterBlurGpu, ManyRanksAccumulateAcrossChunks) {
  const FloatImage img = randomImage(24, 20, 1, 4);
  const SeparableFilter f = randomFilter(13, 15, 13, 5);
  compare(img, f, 1.0f, 0.01, 1e-5);
}

// A kernel of 300x300 taps: one pass over it would run 90,000 loop iterations per invocation, past the 65,535
// after which lavapipe ends an invocation's loops silently; the exact blur adds bands of kernel rows instead.
TEST_F(filterBlurGpu, ExactBlurOfAKernelBeyondOnePassOfLoops) {
  const FloatImage img = randomImage(19, 11, 1, 6);
  const SeparableFilter f = randomFilter(2, 300, 300, 7);
  compare(img, f, 1.0f, 1e-4, 1e-5);
}

// A full-rank SVD of the disk is the disk: the separable blur equals the exact one; rank 4 does not.
TEST_F(filterBlurGpu, FullRankSvdEqualsExactBlur) {
  const FloatImage img = makeBokehTestImage(96, 64);
  const FilterKernel disk = makeDiskKernel(15);
  std::string error;
  FilterBlur* blur = createFilterBlur(context, img, kArticleGamma, &error);
  ASSERT_NE(blur, nullptr) << error;
  GpuBuffer target = createBlurTarget(context, blur);
  const float scale = float(filterExportScale(disk));
  FloatImage results[3];
  const uint32_t ranks[2] = {15, 4};
  for (int i = 0; i < 2; ++i) {
    FilterOptimizer* o = createFilterOptimizer(context, disk, svdSeparableFilter(disk, ranks[i]),
                                               FilterOptimizerParams{}, &error);
    ASSERT_NE(o, nullptr) << error;
    submitAndWait(context, [&](VkCommandBuffer cmd) {
      recordSeparableBlur(cmd, blur, filterParamsBuffer(o), ranks[i], 15, 15, scale, target);
    });
    results[i] = readBlurTarget(context, blur, target);
    if (i == 0) {
      submitAndWait(context, [&](VkCommandBuffer cmd) {
        recordExactBlur(cmd, blur, filterTargetBuffer(o), 15, 15, scale, target);
      });
      results[2] = readBlurTarget(context, blur, target);
    }
    destroyFilterOptimizer(o);
  }
  const ImageError full = compareImages(results[0], results[2]);
  const ImageError rank4 = compareImages(results[1], results[2]);
  // Not bit-exact: the 8th root turns float rounding of near-black linear sums (dark pixels next to
  // highlights, ~1e-9 after x^8) into visible differences on a few pixels.
  std::printf("full rank: rmse %g max %g; rank 4: rmse %g max %g\n", full.rmse, full.maxAbs, rank4.rmse, rank4.maxAbs);
  EXPECT_LT(full.rmse, 1e-3);
  EXPECT_GT(rank4.rmse, 10 * full.rmse);
  destroyBuffer(context, target);
  destroyFilterBlur(blur);
}

TEST(filterImage, TestPictureHasHighlightsOnDark) {
  const FloatImage img = makeBokehTestImage(128, 96);
  ASSERT_EQ(img.count(), size_t(128) * 96 * 3);
  size_t bright = 0, dark = 0;
  for (float v : img.pixels) {
    bright += v > 0.9f;
    dark += v < 0.35f;
  }
  EXPECT_GT(bright, 30u);
  EXPECT_GT(dark, img.count() * 8 / 10);
  EXPECT_EQ(img.pixels, makeBokehTestImage(128, 96).pixels);  // deterministic
}

// Positive taps gray relative to the peak, negative taps red (the article's ringing), cells of pixelSize.
TEST(filterImage, FilterTapsRendering) {
  const std::vector<double> taps = {1.0, 0.5, -0.2, 0.0};
  const RgbImage img = renderFilterTaps(taps, 2, 2, 1.0, 3);
  ASSERT_EQ(img.width, 6u);
  ASSERT_EQ(img.height, 6u);
  auto at = [&](uint32_t x, uint32_t y, int c) { return int(img.pixels[(y * 6 + x) * 3 + c]); };
  EXPECT_EQ(at(0, 0, 0), 255);
  EXPECT_EQ(at(2, 2, 1), 255);
  EXPECT_EQ(at(3, 0, 0), 128);
  EXPECT_EQ(at(3, 0, 2), 128);
  EXPECT_GT(at(1, 4, 0), 200);  // -0.2: red
  EXPECT_EQ(at(1, 4, 1), 0);
  EXPECT_EQ(at(5, 5, 0), 0);  // zero: black
}

TEST(filterImage, CompareImages) {
  FloatImage a = randomImage(8, 8, 1, 9), b = a;
  EXPECT_EQ(compareImages(a, b).rmse, 0.0);
  b.pixels[3] += 0.5f;
  const ImageError e = compareImages(b, a);
  EXPECT_NEAR(e.maxAbs, std::min(1.0f, b.pixels[3]) - a.pixels[3], 1e-6);
  EXPECT_NEAR(e.rmse, e.maxAbs / 8.0, 1e-6);
}

}  // namespace
}  // namespace specdither

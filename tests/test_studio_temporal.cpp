// The studio's mask over time (app/studio/temporal_view.h): the accumulation weights, playback, the option
// parser, and the dither pass's animated and accumulated frames against a CPU double-precision evaluation of
// the same definition (docs/studio.md, "Time").
#include "gpu_test.h"
#include "temporal_view.h"
#include "view_passes.h"

#include "specdither/gpu_buffer.h"

#include <cmath>
#include <numeric>
#include <random>

using namespace specdither;
using namespace specdither::studio;

namespace {

TEST(StudioTemporal, WeightsAreTheEmaSteadyStateOrAPlainMean) {
  TemporalView t;
  t.accumulate = AccumulateMode::Ema;
  t.emaAlpha = 0.25f;
  const std::vector<float> ema = accumulationWeights(t);
  ASSERT_GT(ema.size(), 10u);
  EXPECT_NEAR(std::accumulate(ema.begin(), ema.end(), 0.0), 1.0, 1e-6);
  for (size_t j = 1; j < ema.size(); ++j) EXPECT_NEAR(ema[j] / ema[j - 1], 0.75, 1e-5);
  // Cut where less than 1e-3 of the weight remains: 0.75^j < 1e-3 from j = 25.
  EXPECT_EQ(ema.size(), 25u);
  t.emaAlpha = 1.0f;
  EXPECT_EQ(accumulationWeights(t), std::vector<float>{1.0f});

  t.accumulate = AccumulateMode::Mean;
  t.meanFrames = 5;
  EXPECT_EQ(accumulationWeights(t), std::vector<float>(5, 0.2f));
}

TEST(StudioTemporal, PlaybackAdvancesAtItsSpeedAndWraps) {
  TemporalView t;
  t.slices = 4;
  t.framesPerSecond = 10;
  EXPECT_FALSE(advanceAnimation(&t, 1.0));  // not playing
  t.play = true;
  EXPECT_FALSE(advanceAnimation(&t, 0.05));
  EXPECT_TRUE(advanceAnimation(&t, 0.06));
  EXPECT_EQ(t.frame, 1);
  EXPECT_TRUE(advanceAnimation(&t, 0.5));  // 5 more: 6 % 4
  EXPECT_EQ(t.frame, 2);
}

TEST(StudioTemporal, AccumulationOptionsAreCheckedWithOneLine) {
  TemporalView t;
  EXPECT_EQ(parseAccumulation("mean:16", &t), "");
  EXPECT_EQ(t.accumulate, AccumulateMode::Mean);
  EXPECT_EQ(t.meanFrames, 16);
  EXPECT_EQ(parseAccumulation("ema:0.05", &t), "");
  EXPECT_EQ(t.accumulate, AccumulateMode::Ema);
  EXPECT_FLOAT_EQ(t.emaAlpha, 0.05f);
  for (const char* bad :
       {"ema:0", "ema:1.5", "ema:nan", "mean:0", "mean:2.5", "mean:1000", "taa:0.1", "ema", "", "gauss:2"})
    EXPECT_NE(parseAccumulation(bad, &t), "") << bad;
}

// The dither pass on a small photo: left of the split the frame of the current slice, right the accumulation,
// against the definitions evaluated in double precision; for a 2D mask animated by golden-ratio offsets and for a
// mask with slices of its own.
class StudioTemporalGpu : public test::GpuTest {
 protected:
  static constexpr uint32_t maskW = 8, maskH = 8, photoW = 40, photoH = 12, plane = maskW * maskH;

  // A random photo and the view passes over a mask of ranks (slices after one another, channels interleaved).
  void SetUpViews(const std::vector<uint32_t>& ranks, uint32_t slices, uint32_t channels, uint32_t photoSeed) {
    std::mt19937 random(photoSeed);
    photo.assign(photoW * photoH, 0);
    for (uint32_t& p : photo) p = random() | 0xff000000u;
    createViewPasses(context, &views);
    std::string error;
    ASSERT_TRUE(resizeMaskViews(views, maskW, maskH, slices, channels, &error)) << error;
    setPhoto(views, photoW, photoH, photo);
    source = createBuffer(context, ranks.size() * 4, MemoryKind::DeviceLocal);
    uploadBuffer(context, source, ranks.data(), ranks.size() * 4);
    mask = MaskSource();
    mask.buffer = &source;
    mask.ranks = true;
    mask.width = maskW;
    mask.height = maskH;
    mask.slices = slices;
    mask.channels = channels;
  }
  void TearDownViews() {
    destroyBuffer(context, source);
    destroyViewPasses(views);
  }
  // Records the view passes and downloads the photo's and the matrix view's pixels.
  void draw(const ViewSettings& settings, uint64_t version, std::vector<uint32_t>* pixels,
            std::vector<uint32_t>* matrix) {
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordViewPasses(cmd, views, mask, version, settings); });
    pixels->resize(photo.size());
    matrix->resize(plane);
    downloadBuffer(context, views.photoPixels, pixels->data(), pixels->size() * 4);
    downloadBuffer(context, views.maskPixels, matrix->data(), matrix->size() * 4);
  }

  std::vector<uint32_t> photo;
  ViewPasses views;
  GpuBuffer source;
  MaskSource mask;
};

std::vector<uint32_t> permutation(uint32_t n, std::mt19937& random) {
  std::vector<uint32_t> p(n);
  std::iota(p.begin(), p.end(), 0u);
  std::shuffle(p.begin(), p.end(), random);
  return p;
}

TEST_F(StudioTemporalGpu, AnimatedAndAccumulatedFramesMatchTheCpu) {
  const int slices = 5, shown = 3, split = 17;
  std::mt19937 random(7);
  for (bool stacked : {false, true}) {
    const uint32_t planes = stacked ? slices : 1;
    std::vector<uint32_t> ranks;
    for (uint32_t k = 0; k < planes; ++k) {
      const std::vector<uint32_t> p = permutation(plane, random);
      ranks.insert(ranks.end(), p.begin(), p.end());
    }
    ASSERT_NO_FATAL_FAILURE(SetUpViews(ranks, planes, 1, 7));

    // The threshold of a photo pixel in slice s: the slice's own plane, or the golden-ratio animation.
    auto sliceThreshold = [&](uint32_t x, uint32_t y, int s) {
      const size_t m = (y % maskH) * maskW + x % maskW;
      const double v = stacked ? (ranks[s * plane + m] + 0.5) / plane
                               : std::fmod((ranks[m] + 0.5) / plane + s * kGoldenRatioStep, 1.0);
      return std::min(v, 0.99999);
    };
    for (int bits : {1, 2}) {
      SCOPED_TRACE((stacked ? "stacked, bits " : "golden, bits ") + std::to_string(bits));
      ViewSettings settings;
      settings.bits = bits;
      settings.compare = CompareMode::Accumulated;
      settings.splitColumn = split;
      settings.time.slices = stacked ? 1 : slices;  // a stack brings its own
      settings.time.frame = shown;
      settings.time.accumulate = bits == 1 ? AccumulateMode::Ema : AccumulateMode::Mean;
      settings.time.emaAlpha = 0.3f;
      settings.time.meanFrames = 7;  // more than the slices: the loop repeats
      std::vector<uint32_t> pixels, matrix;
      draw(settings, uint64_t(bits), &pixels, &matrix);

      const std::vector<float> weights = accumulationWeights(settings.time);
      const double top = double((1 << bits) - 1);
      auto quantize = [&](double x, double t) { return std::clamp(std::floor(x * top + t), 0.0, top) / top; };
      size_t exact = 0, checked = 0;
      for (uint32_t y = 0; y < photoH; ++y)
        for (uint32_t x = 0; x < photoW; ++x)
          for (int c = 0; c < 3; ++c) {
            const double value = ((photo[y * photoW + x] >> (8 * c)) & 0xff) / 255.0;
            double expected = 0;
            if (int(x) < split) {
              expected = quantize(value, sliceThreshold(x, y, shown));
            } else {
              for (size_t j = 0; j < weights.size(); ++j)
                expected += weights[j] *
                            quantize(value, sliceThreshold(x, y, (shown - int(j) % slices + slices) % slices));
            }
            const int got = int((pixels[y * photoW + x] >> (8 * c)) & 0xff);
            const int want = int(std::lround(expected * 255));
            // Float thresholds may land on the other side of a level boundary in rare pixels: one level of the
            // dither (a full step for a single frame, a weight's share of it in the mean) at most.
            EXPECT_LE(std::abs(got - want), int(x) < split ? int(255 / top) : 1 + int(255 * weights[0] / top))
                << "pixel " << x << "," << y;
            exact += got == want;
            ++checked;
          }
      EXPECT_GE(double(exact) / checked, 0.98);
    }
    // The matrix view shows the slice: gray levels of its ranks (stacked) or the offset values (golden).
    std::vector<uint32_t> pixels, matrix;
    ViewSettings shownSlice;
    shownSlice.time.slices = stacked ? 1 : slices;
    shownSlice.time.frame = shown;
    draw(shownSlice, 11, &pixels, &matrix);
    for (uint32_t i = 0; i < plane; ++i)
      EXPECT_NEAR(double(matrix[i] & 0xff), sliceThreshold(i % maskW, i / maskW, shown) * 255, 1.01) << i;
    TearDownViews();
  }
}

// A mask with channels: colour channel c dithers with mask channel c left of the split, with channel 0 right of
// it (one mask for R, G and B); the matrix view shows the channels as colours.
TEST_F(StudioTemporalGpu, ColourChannelsThresholdTheirOwnColour) {
  const uint32_t channels = 3;
  const int split = 17;
  std::mt19937 random(11);
  std::vector<uint32_t> ranks(plane * channels);  // a permutation per channel, interleaved
  for (uint32_t c = 0; c < channels; ++c) {
    const std::vector<uint32_t> p = permutation(plane, random);
    for (uint32_t i = 0; i < plane; ++i) ranks[i * channels + c] = p[i];
  }
  ASSERT_NO_FATAL_FAILURE(SetUpViews(ranks, 1, channels, 11));
  ViewSettings settings;
  settings.bits = 2;
  settings.compare = CompareMode::OneMaskForRgb;
  settings.splitColumn = split;
  std::vector<uint32_t> pixels, matrix;
  draw(settings, 1, &pixels, &matrix);

  auto threshold = [&](size_t m, uint32_t c) { return std::min((ranks[m * channels + c] + 0.5) / plane, 0.99999); };
  size_t exact = 0, checked = 0;
  for (uint32_t y = 0; y < photoH; ++y)
    for (uint32_t x = 0; x < photoW; ++x)
      for (uint32_t c = 0; c < 3; ++c) {
        const double value = ((photo[y * photoW + x] >> (8 * c)) & 0xff) / 255.0;
        const double t = threshold((y % maskH) * maskW + x % maskW, int(x) < split ? c : 0);
        const int want = int(std::lround(std::clamp(std::floor(value * 3 + t), 0.0, 3.0) / 3 * 255));
        const int got = int((pixels[y * photoW + x] >> (8 * c)) & 0xff);
        EXPECT_LE(std::abs(got - want), 85) << "pixel " << x << "," << y << " channel " << c;
        exact += got == want;
        ++checked;
      }
  EXPECT_GE(double(exact) / checked, 0.98);
  for (uint32_t i = 0; i < plane; ++i)
    for (uint32_t c = 0; c < 3; ++c)
      EXPECT_NEAR(double((matrix[i] >> (8 * c)) & 0xff), threshold(i, c) * 255, 1.01) << i << " channel " << c;
  TearDownViews();
}

// Inverted green (the colour preset's arrangement, docs/method.md §11.3): a single-channel mask dithers R and B with
// v and G with 1 - v left of the split, every channel with v right of it (one mask for R, G, B).
TEST_F(StudioTemporalGpu, InvertedGreenDithersGreenWithTheComplement) {
  const int split = 21;
  std::mt19937 random(5);
  const std::vector<uint32_t> ranks = permutation(plane, random);
  ASSERT_NO_FATAL_FAILURE(SetUpViews(ranks, 1, 1, 5));
  ViewSettings settings;
  settings.bits = 1;
  settings.compare = CompareMode::OneMaskForRgb;
  settings.splitColumn = split;
  settings.invertedGreen = true;
  std::vector<uint32_t> pixels, matrix;
  draw(settings, 1, &pixels, &matrix);
  size_t exact = 0, checked = 0;
  for (uint32_t y = 0; y < photoH; ++y)
    for (uint32_t x = 0; x < photoW; ++x)
      for (uint32_t c = 0; c < 3; ++c) {
        const double v = (ranks[(y % maskH) * maskW + x % maskW] + 0.5) / plane;
        const double t = std::min(int(x) < split && c == 1 ? 1.0 - v : v, 0.99999);
        const double value = ((photo[y * photoW + x] >> (8 * c)) & 0xff) / 255.0;
        const int want = std::floor(value + t) >= 1 ? 255 : 0;
        exact += int((pixels[y * photoW + x] >> (8 * c)) & 0xff) == want;
        ++checked;
      }
  EXPECT_GE(double(exact) / checked, 0.99);
  TearDownViews();
}

}  // namespace

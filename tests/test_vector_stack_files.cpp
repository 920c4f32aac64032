// Vector stacks' files, figures and baselines (vector_mask_io.h, vector_metrics.h, vector_stack_baselines.h,
// docs/method.md §10.5): every stack format written and read back within its quantization (a KTX2 array, an
// atlas PNG, one PNG per slice, .npy), the accumulated integration error against a direct computation of its
// definition frame by frame in the pixel domain, the baselines' construction, and the CLI from generate to
// analyze with its refusals before any GPU work.
#include "gpu_test.h"
#include "specdither/ktx2_format.h"
#include "specdither/vector_mask_io.h"
#include "specdither/vector_metrics.h"
#include "specdither/vector_stack_baselines.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>

using namespace specdither;

namespace {

// A stack of i.i.d. uniform values of the domain (white noise in space and time), as exported components.
Mask randomStack(VectorDomain domain, const MaskShape& shape, uint64_t seed) {
  const std::vector<VectorValue> pool = stratifiedVectorSample(domain, 1 << 16);
  std::mt19937_64 random(seed);
  const uint32_t c = vectorComponents(domain);
  Mask mask;
  mask.shape = {shape.width, shape.height, shape.slices, c};
  mask.values.resize(mask.shape.valueCount());
  for (size_t i = 0; i < mask.pixelCount(); ++i)
    exportedComponents(domain, pool[random() % pool.size()], &mask.values[i * c]);
  return mask;
}

double worstDifference(const Mask& a, const Mask& b) {
  double worst = 0;
  for (size_t i = 0; i < a.values.size(); ++i) worst = std::max(worst, double(std::fabs(a.values[i] - b.values[i])));
  return worst;
}

// The definition, written out directly: per integrand, per pixel, the estimates f(v) of frames 1 .. k accumulated
// (plain mean or EMA), minus the mean I, filtered by the normalized Gaussian over |d| <= ceil(4 sigma) read
// toroidally, its mean square over pixels against Var(f) sum g^2 sum a_t^2; dB averaged over integrands.
void directConvergence(VectorDomain domain, const MaskShape& shape, const std::vector<VectorValue>& values,
                       double sigma, double alpha, std::vector<double>* meanDb, std::vector<double>* emaDb) {
  const uint32_t w = shape.width, h = shape.height, slices = shape.slices;
  const int radius = int(std::ceil(4 * sigma));
  std::vector<std::tuple<int, int, double>> kernel;
  double norm = 0;
  for (int dy = -radius; dy <= radius; ++dy)
    for (int dx = -radius; dx <= radius; ++dx) {
      kernel.push_back({dx, dy, std::exp(-(dx * dx + dy * dy) / (2 * sigma * sigma))});
      norm += std::get<2>(kernel.back());
    }
  // sum g^2 of the kernel folded onto the torus (taps landing on one pixel add up).
  std::vector<double> folded(size_t(w) * h, 0.0);
  for (auto& [dx, dy, g] : kernel) {
    g /= norm;
    folded[size_t((dy % int(h) + int(h)) % int(h)) * w + (dx % int(w) + int(w)) % int(w)] += g;
  }
  double gain = 0;
  for (double g : folded) gain += g * g;
  const std::vector<VectorIntegrand> integrands = vectorIntegrands(domain);
  meanDb->assign(slices, 0.0);
  emaDb->assign(slices, 0.0);
  for (const VectorIntegrand& f : integrands)
    for (uint32_t k = 1; k <= slices; ++k) {
      // The frames' weights of the mean and of the EMA after k frames (A_1 = frame 1).
      std::vector<double> meanWeight(k, 1.0 / k), emaWeight(k);
      for (uint32_t t = 0; t < k; ++t) emaWeight[t] = (t == 0 ? 1.0 : alpha) * std::pow(1 - alpha, double(k - 1 - t));
      for (int which = 0; which < 2; ++which) {
        const std::vector<double>& a = which == 0 ? meanWeight : emaWeight;
        double mse = 0, squaredWeights = 0;
        for (double x : a) squaredWeights += x * x;
        for (uint32_t y = 0; y < h; ++y)
          for (uint32_t x = 0; x < w; ++x) {
            double filtered = 0;
            for (const auto& [dx, dy, g] : kernel) {
              const uint32_t px = uint32_t(((int(x) + dx) % int(w) + int(w)) % int(w));
              const uint32_t py = uint32_t(((int(y) + dy) % int(h) + int(h)) % int(h));
              double estimate = 0;
              for (uint32_t t = 0; t < k; ++t) estimate += a[t] * f.f(values[(size_t(t) * h + py) * w + px]);
              filtered += g * (estimate - f.mean);
            }
            mse += filtered * filtered / double(w * h);
          }
        const double db = 10 * std::log10(mse / (f.variance * gain * squaredWeights)) / double(integrands.size());
        (which == 0 ? *meanDb : *emaDb)[k - 1] += db;
      }
    }
}

}  // namespace

TEST(VectorStackFiles, EveryStackFormatReadsBackWithinItsQuantization) {
  const std::string dir = test::makeTempDir();
  for (VectorDomain domain : {VectorDomain::Square, VectorDomain::Sphere}) {
    const Mask stack = randomStack(domain, {10, 6, 5}, 7);
    const double level = domain == VectorDomain::Square ? 1.0 : 2.0;  // unit vectors store (v + 1) / 2
    for (const auto& [file, bits, atlas, tolerance] :
         {std::tuple<std::string, int, uint32_t, double>{"a.ktx2", 8, 0, level / 255},
          {"b.ktx2", 16, 0, level / 65535},
          {"c.ktx2", 0, 0, 1e-7},
          {"d.png", 8, 5, level / 255},
          {"e_%02d.png", 16, 0, level / 65535},
          {"f.npy", 0, 0, 1e-7}}) {
      const std::string path = dir + "/" + vectorDomainName(domain) + file;
      std::string error;
      ASSERT_TRUE(writeVectorMask(stack, domain, path, bits, {}, &error)) << error;
      Mask back;
      ASSERT_TRUE(readVectorMask(path, domain, &back, &error, atlas)) << error;
      ASSERT_EQ(back.shape, stack.shape) << path;
      EXPECT_LE(worstDifference(back, stack), 0.5 * tolerance + 1e-6) << path;
      if (path.find(".ktx2") != std::string::npos) {
        Ktx2Texture texture;
        ASSERT_TRUE(readKtx2(path, &texture, &error)) << error;
        EXPECT_EQ(texture.layerCount, 5u) << path;
      }
    }
    // The pattern's files are 2D masks of the slices; the atlas read without --slices is one tall mask.
    Mask slice, tall;
    std::string error;
    ASSERT_TRUE(readVectorMask(dir + "/" + vectorDomainName(domain) + "e_03.png", domain, &slice, &error)) << error;
    EXPECT_LE(worstDifference(slice, maskSlice(stack, 3)), 0.5 * level / 65535 + 1e-6);
    ASSERT_TRUE(readVectorMask(dir + "/" + vectorDomainName(domain) + "d.png", domain, &tall, &error)) << error;
    EXPECT_EQ(tall.shape, (MaskShape{10, 30, 1, stack.shape.channels}));
    EXPECT_FALSE(readVectorMask(dir + "/" + vectorDomainName(domain) + "d.png", domain, &tall, &error, 4));
    EXPECT_NE(error.find("atlas of 4 slices"), std::string::npos) << error;
  }
}

TEST(VectorStackFiles, OutputsAStackCannotTakeAreRefused) {
  const std::string dir = test::makeTempDir();
  EXPECT_EQ(checkVectorMaskOutput(dir + "/s.ktx2", 16, {128, 128, 64}), "");
  EXPECT_EQ(checkVectorMaskOutput(dir + "/s_%03d.png", 8, {128, 128, 64}), "");
  EXPECT_NE(checkVectorMaskOutput(dir + "/s.png", 16, {128, 128, 256}), "");  // an atlas 32768 tall
  EXPECT_NE(checkVectorMaskOutput(dir + "/s_%03d.ktx2", 16, {16, 16, 4}), "");
  EXPECT_NE(checkVectorMaskOutput(dir + "/s_%03d.png", 32, {16, 16, 4}), "");
  EXPECT_NE(checkVectorMaskOutput(dir + "/missing/s.npy", 0, {16, 16, 4}), "");
}

TEST(VectorStackMetrics, ConvergenceMatchesItsDefinitionFrameByFrame) {
  for (VectorDomain domain : {VectorDomain::Square, VectorDomain::HemisphereCosine}) {
    const MaskShape shape{9, 7, 5};
    const Mask stack = randomStack(domain, shape, 11);
    const std::vector<VectorValue> values = vectorValuesOf(stack, domain);
    const double sigma = 1.0, alpha = 0.3;
    const VectorStackIntegrationError e = vectorStackIntegrationError(domain, shape, values, sigma, alpha);
    std::vector<double> meanDb, emaDb;
    directConvergence(domain, shape, values, sigma, alpha, &meanDb, &emaDb);
    ASSERT_EQ(e.meanOfFramesDecibels.size(), shape.slices);
    for (uint32_t k = 0; k < shape.slices; ++k) {
      EXPECT_NEAR(e.meanOfFramesDecibels[k], meanDb[k], 1e-9) << k;
      EXPECT_NEAR(e.emaDecibels[k], emaDb[k], 1e-9) << k;
      // Every slice's figure is the 2D figure of that slice.
      const std::vector<VectorValue> slice(values.begin() + k * shape.planeSize(),
                                           values.begin() + (k + 1) * shape.planeSize());
      EXPECT_NEAR(e.sliceDecibels[k], vectorIntegrationError(domain, 9, 7, slice, sigma).meanDecibels, 1e-9);
    }
    EXPECT_DOUBLE_EQ(e.worstSliceDecibels, *std::max_element(e.sliceDecibels.begin(), e.sliceDecibels.end()));
  }
}

TEST(VectorStackMetrics, RepeatedSlicesGainNothingFromAccumulation) {
  // T copies of one slice: every accumulation is that slice, so against white noise the mean of k frames loses
  // exactly 10 log10 k dB.
  const MaskShape shape{12, 10, 6};
  Mask one = randomStack(VectorDomain::Circle, {12, 10, 1}, 5), stack = one;
  stack.shape = {12, 10, 6, one.shape.channels};
  for (int t = 1; t < 6; ++t) stack.values.insert(stack.values.end(), one.values.begin(), one.values.end());
  const VectorStackIntegrationError e = vectorStackIntegrationError(VectorDomain::Circle, shape,
                                                                    vectorValuesOf(stack, VectorDomain::Circle), 1.0);
  for (uint32_t k = 1; k <= 6; ++k)
    EXPECT_NEAR(e.meanOfFramesDecibels[k - 1], e.sliceDecibels[0] + 10 * std::log10(double(k)), 1e-9);
}

TEST(VectorStackBaselines, WhiteAndGoldenRatioStacksAreWhatTheySay) {
  const MaskShape shape{8, 6, 4};
  const Mask white = whiteVectorMask(VectorDomain::Square, shape, 3);
  ASSERT_EQ(white.shape, (MaskShape{8, 6, 4, 2}));
  // Every slice a permutation of the stratified sample.
  std::vector<std::pair<float, float>> sample;
  for (const VectorValue& v : stratifiedVectorSample(VectorDomain::Square, 48)) sample.push_back({v.c[0], v.c[1]});
  std::sort(sample.begin(), sample.end());
  for (uint32_t t = 0; t < 4; ++t) {
    std::vector<std::pair<float, float>> slice;
    for (size_t i = 0; i < 48; ++i)
      slice.push_back({white.values[(t * 48 + i) * 2], white.values[(t * 48 + i) * 2 + 1]});
    std::sort(slice.begin(), slice.end());
    EXPECT_EQ(slice, sample) << t;
  }
  EXPECT_NE(maskSlice(white, 0).values, maskSlice(white, 1).values);

  // Slice t of the animation: slice 0 shifted by t (1/g, 1/g^2) on the torus, g the plastic number.
  const Mask first = maskSlice(white, 0);
  const Mask golden = goldenRatioVectorStack(first, VectorDomain::Square, 5);
  ASSERT_EQ(golden.shape.slices, 5u);
  EXPECT_EQ(maskSlice(golden, 0).values, first.values);
  const double g = 1.32471795724474602596;
  for (size_t i = 0; i < 48; ++i)
    for (int c = 0; c < 2; ++c) {
      const double shifted = first.values[i * 2 + c] + 3 * (c == 0 ? 1 / g : 1 / (g * g));
      EXPECT_NEAR(golden.values[(3 * 48 + i) * 2 + c], shifted - std::floor(shifted), 1e-6);
    }
  // The circle turns by phi - 1 a frame.
  const Mask circle = maskSlice(whiteVectorMask(VectorDomain::Circle, shape, 4), 0);
  const Mask turning = goldenRatioVectorStack(circle, VectorDomain::Circle, 3);
  const std::vector<VectorValue> a = vectorValuesOf(circle, VectorDomain::Circle),
                                 b = vectorValuesOf(maskSlice(turning, 2), VectorDomain::Circle);
  for (size_t i = 0; i < a.size(); ++i) {
    const double turned = a[i].c[0] + 2 * 0.6180339887498949;
    EXPECT_NEAR(std::remainder(b[i].c[0] - (turned - std::floor(turned)), 1.0), 0.0, 1e-5);
  }
  EXPECT_NE(checkGoldenRatioVectorDomain(VectorDomain::Sphere), "");
  EXPECT_THROW(
      goldenRatioVectorStack(maskSlice(whiteVectorMask(VectorDomain::Sphere, shape, 1), 0), VectorDomain::Sphere, 3),
      std::invalid_argument);
}

TEST(VectorStackCli, GenerateAndAnalyzeEveryBaselineAndTheOptimizedStack) {
  const std::string dir = test::makeTempDir();
  const std::string common = "generate --values vec2 --size 16 --slices 6 --seed 2 --quiet --validate ";
  for (const std::string& run :
       {common + "--passes 900 --out " + dir + "/opt.ktx2",
        common + "--method independent --passes 900 --out " + dir + "/ind.npy",
        common + "--method golden-ratio --passes 300 --out " + dir + "/gold_%03d.png",
        "generate --values vec2 --size 16 --slices 6 --seed 2 --method white --out " + dir + "/white.png"}) {
    const test::CommandResult r = test::runCli(run);
    ASSERT_EQ(r.exitCode, 0) << run << ": " << r.errors;
  }
  EXPECT_TRUE(std::filesystem::exists(dir + "/gold_005.png"));
  const test::CommandResult r = test::runCli("compare --values vec2 --slices 6 --json " + dir + "/opt.ktx2 " + dir +
                                             "/ind.npy " + dir + "/gold_%03d.png " + dir + "/white.png");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json figures = nlohmann::json::parse(r.output);
  ASSERT_EQ(figures["masks"].size(), 4u);
  auto at = [&](size_t mask, const char* key, size_t k) {
    return figures["masks"][mask]["stack_integration_error"][0][key][k].get<double>();
  };
  for (size_t m = 0; m < 4; ++m) EXPECT_EQ(figures["masks"][m]["slices"], 6) << m;
  // White noise scores near 0 dB in every frame and after every accumulation; the optimized slices are blue.
  EXPECT_NEAR(figures["masks"][3]["stack_integration_error"][0]["slice_mean_db"].get<double>(), 0.0, 1.0);
  EXPECT_NEAR(at(3, "mean_of_frames_db", 5), 0.0, 1.5);
  EXPECT_LT(figures["masks"][0]["stack_integration_error"][0]["slice_mean_db"].get<double>(), -2.0);
  // Accumulating the optimized stack beats accumulating independent slices (the temporal term's purpose).
  EXPECT_LT(at(0, "mean_of_frames_db", 5), at(1, "mean_of_frames_db", 5));
  // Text output names the accumulations.
  const test::CommandResult text = test::runCli("analyze --values vec2 " + dir + "/opt.ktx2");
  ASSERT_EQ(text.exitCode, 0) << text.errors;
  EXPECT_NE(text.output.find("mean of k frames"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("EMA 0.1 after k"), std::string::npos) << text.output;
}

TEST(VectorStackCli, BadOptionsAreRefusedBeforeGpuWork) {
  const std::string dir = test::makeTempDir();
  for (const std::string args :
       {"--values sphere --slices 4 --method golden-ratio --out " + dir + "/x.npy",
        "--values vec2 --method independent --out " + dir + "/x.npy",
        "--values vec2 --slices 4 --method white --passes 3 --out " + dir + "/x.npy",
        "--values vec2 --slices 4 --method white --validate --out " + dir + "/x.npy",
        "--values vec2 --slices 4 --method bayer --out " + dir + "/x.npy",
        "--values vec2 --slices 4 --method independent --temporal ema:0.2 --out " + dir + "/x.npy",
        "--values vec2 --slices 4 --out " + dir + "/x_%03d.ktx2",
        "--values vec2 --distance-power 0 --out " + dir + "/x.npy",
        "--values vec2 --distance-power 3 --out " + dir + "/x.npy",
        "--values vec2 --method white --distance-power 0.5 --out " + dir + "/x.npy",
        "--distance-power 0.5 --out " + dir + "/x.png"}) {
    const test::CommandResult r = test::runCli("generate --size 16 " + args);
    EXPECT_NE(r.exitCode, 0) << args;
    EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << args << ": " << r.errors;
    EXPECT_EQ(r.errors.find("device"), std::string::npos) << "no GPU opened for " << args;
  }
  const test::CommandResult r = test::runCli("analyze --values vec2 --report " + dir + "/r " + dir + "/x.npy");
  EXPECT_NE(r.exitCode, 0);
}

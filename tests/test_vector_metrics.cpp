// Vector masks' files and figures (vector_mask_io.h, vector_metrics.h): every format written and read back
// within its quantization, the encoding in KTX2's key/value data, the integration error of white noise near
// 0 dB and of an optimized mask well below it, and the CLI's refusals before any GPU work.
#include "gpu_test.h"
#include "specdither/ktx2_format.h"
#include "specdither/vector_mask_io.h"
#include "specdither/vector_metrics.h"

#include <cmath>
#include <random>
#include <tuple>

using namespace specdither;

namespace {

// A mask of the domain's exported components for i.i.d. uniform samples (white noise): the stratified sample
// of a large count, picked at random.
Mask whiteMask(VectorDomain domain, uint32_t width, uint32_t height, uint64_t seed) {
  const std::vector<VectorValue> pool = stratifiedVectorSample(domain, 1 << 16);
  std::mt19937_64 random(seed);
  const uint32_t c = vectorComponents(domain);
  Mask mask;
  mask.shape = {width, height, 1, c};
  mask.values.resize(mask.shape.valueCount());
  for (size_t i = 0; i < mask.pixelCount(); ++i)
    exportedComponents(domain, pool[random() % pool.size()], &mask.values[i * c]);
  return mask;
}

const VectorDomain kDomains[] = {VectorDomain::Square, VectorDomain::Circle, VectorDomain::Sphere,
                                 VectorDomain::HemisphereCosine};

}  // namespace

TEST(VectorMaskIo, EveryFormatReadsBackWithinItsQuantization) {
  const std::string dir = test::makeTempDir();
  for (VectorDomain domain : kDomains) {
    const Mask mask = whiteMask(domain, 12, 8, 3);
    for (const auto& [file, bits, tolerance] : {std::tuple<std::string, int, double>{"a.ktx2", 8, 1.0 / 255},
                                                {"b.ktx2", 16, 1.0 / 65535},
                                                {"c.ktx2", 0, 1e-7},
                                                {"d.png", 8, 1.0 / 255},
                                                {"e.png", 16, 1.0 / 65535},
                                                {"f.npy", 0, 1e-7}}) {
      const std::string path = dir + "/" + vectorDomainName(domain) + file;
      std::string error;
      ASSERT_TRUE(writeVectorMask(mask, domain, path, bits, {{"seed", "3"}}, &error)) << error;
      Mask back;
      ASSERT_TRUE(readVectorMask(path, domain, &back, &error)) << error;
      ASSERT_EQ(back.shape, mask.shape) << path;
      double worst = 0;
      for (size_t i = 0; i < mask.values.size(); ++i)
        worst = std::max(worst, double(std::fabs(back.values[i] - mask.values[i])));
      // Unit vectors are stored as (v + 1) / 2: one level is 2 / (2^bits - 1) in v.
      EXPECT_LE(worst, (domain == VectorDomain::Square ? 0.5 : 1.0) * tolerance + 1e-6) << path;
      if (path.find(".ktx2") != std::string::npos) {
        Ktx2Texture texture;
        ASSERT_TRUE(readKtx2(path, &texture, &error)) << error;
        EXPECT_EQ(texture.keyValues["specdither.values"], vectorDomainName(domain));
        EXPECT_EQ(texture.keyValues["specdither.encoding"], vectorEncoding(domain, bits != 0));
        EXPECT_EQ(texture.keyValues["specdither.seed"], "3");
        EXPECT_EQ(ktx2::componentCount(texture.vkFormat), vectorComponents(domain) == 2 ? 2u : 4u);
      }
    }
  }
}

TEST(VectorMetrics, WhiteNoiseScoresNearZeroDecibels) {
  for (VectorDomain domain : kDomains) {
    double mean = 0;
    const int runs = 4;
    for (int seed = 0; seed < runs; ++seed) {
      const Mask mask = whiteMask(domain, 48, 40, 100 + seed);
      mean += vectorIntegrationError(domain, 48, 40, vectorValuesOf(mask, domain), 1.0).meanDecibels / runs;
    }
    EXPECT_NEAR(mean, 0.0, 0.5) << vectorDomainName(domain);
  }
}

TEST(VectorMetrics, ConstantMaskScoresItsSquaredBias) {
  // Every pixel the same value: the filtered error is f(v) - I everywhere, so the figure does not depend on
  // sigma except through white noise's sum g^2; two sigmas must differ by exactly their ratio of sum g^2, which
  // this test computes independently (direct Gaussian over the torus).
  const uint32_t w = 9, h = 7;
  std::vector<VectorValue> values(w * h);
  values.assign(w * h, stratifiedVectorSample(VectorDomain::Square, 7)[2]);
  auto whiteGain = [&](double sigma) {
    std::vector<double> folded(w * h, 0.0);
    double sum = 0;
    const int radius = int(std::ceil(4 * sigma));
    for (int dy = -radius; dy <= radius; ++dy)
      for (int dx = -radius; dx <= radius; ++dx) sum += std::exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
    for (int dy = -radius; dy <= radius; ++dy)
      for (int dx = -radius; dx <= radius; ++dx)
        folded[((dy % int(h) + int(h)) % h) * w + (dx % int(w) + int(w)) % w] += std::exp(-(dx * dx + dy * dy) /
                                                                                          (2 * sigma * sigma)) /
                                                                                 sum;
    double g2 = 0;
    for (double f : folded) g2 += f * f;
    return g2;
  };
  const VectorIntegrationError a = vectorIntegrationError(VectorDomain::Square, w, h, values, 1.0);
  const VectorIntegrationError b = vectorIntegrationError(VectorDomain::Square, w, h, values, 2.0);
  ASSERT_EQ(a.decibels.size(), b.decibels.size());
  for (size_t i = 0; i < a.decibels.size(); ++i)
    EXPECT_NEAR(b.decibels[i] - a.decibels[i], 10 * std::log10(whiteGain(1.0) / whiteGain(2.0)), 1e-9);
}

class VectorCli : public ::testing::Test {};

TEST_F(VectorCli, GenerateThenAnalyzeBeatsWhiteNoise) {
  const std::string dir = test::makeTempDir();
  for (const char* kind : {"vec2", "circle", "hemisphere-cosine"}) {
    const std::string out = dir + "/" + kind + ".ktx2";
    test::CommandResult r = test::runCli(std::string("generate --validate --values ") + kind +
                                         " --width 32 --height 24 --passes 300 --out " + out);
    ASSERT_EQ(r.exitCode, 0) << r.errors;
    r = test::runCli("analyze " + out + " --values " + kind + " --json");
    ASSERT_EQ(r.exitCode, 0) << r.errors;
    const size_t at = r.output.find("\"mean_db\":");
    ASSERT_NE(at, std::string::npos) << r.output;
    EXPECT_LT(std::stod(r.output.substr(at + 10)), -2.0) << kind << ": " << r.output;
  }
}

// A vector mask of this tool declares its kind (KTX2 specdither.values): `analyze` measures it as one without
// --values, instead of as the RG colour mask its channels would pass for, and refuses a mixture or another kind.
TEST_F(VectorCli, AnalyzeReadsTheDeclaredKind) {
  const std::string dir = test::makeTempDir();
  for (const char* kind : {"vec2", "circle"}) {
    const test::CommandResult r = test::runCli(std::string("generate --values ") + kind +
                                               " --size 16 --passes 20 --out " + dir + "/" + kind + ".ktx2");
    ASSERT_EQ(r.exitCode, 0) << r.errors;
  }
  test::CommandResult r = test::runCli("analyze " + dir + "/vec2.ktx2");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_NE(r.output.find("vec2 values"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("colour flat field"), std::string::npos) << r.output;
  r = test::runCli("generate --values vec2 --size 16 --passes 20 --out " + dir + "/vec2.npy");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  for (const auto& [args, expected] :
       {std::pair<std::string, std::string>{"compare " + dir + "/vec2.ktx2 " + dir + "/circle.ktx2",
                                            "compare masks of one kind"},
        {"analyze --values circle " + dir + "/vec2.ktx2", "holds vec2 values (its specdither.values key), not circle"},
        {"compare " + dir + "/vec2.ktx2 " + dir + "/vec2.npy", "give --values vec2"}}) {
    r = test::runCli(args);
    EXPECT_NE(r.exitCode, 0) << args;
    EXPECT_NE(r.errors.find(expected), std::string::npos) << args << ": " << r.errors;
    EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << args << ": " << r.errors;
  }
  r = test::runCli("compare --values vec2 " + dir + "/vec2.ktx2 " + dir + "/vec2.npy");
  EXPECT_EQ(r.exitCode, 0) << r.errors;
}

// `export` converts a vector mask with its encoding (a KTX2 of this tool declares its kind; --values names it for
// others): every format reads back as the same values within its quantization, never clamped to thresholds.
TEST_F(VectorCli, ExportKeepsTheValues) {
  const std::string dir = test::makeTempDir();
  const Mask source = whiteMask(VectorDomain::Sphere, 12, 10, 3);
  std::string error;
  ASSERT_TRUE(writeVectorMask(source, VectorDomain::Sphere, dir + "/in.ktx2", 0, {{"seed", "3"}}, &error)) << error;
  for (const auto& [out, options, tolerance] :
       {std::tuple<std::string, std::string, double>{"r8.ktx2", "--format r8", 1.0 / 255},
        {"r16.ktx2", "--format r16", 1.0 / 65535}, {"p16.png", "", 1.0 / 65535}, {"p8.png", "--bits 8", 1.0 / 255},
        {"f.npy", "", 0.0}}) {
    const test::CommandResult r = test::runCli("export " + dir + "/in.ktx2 " + dir + "/" + out + " " + options);
    ASSERT_EQ(r.exitCode, 0) << out << ": " << r.errors;
    Mask back;
    ASSERT_TRUE(readVectorMask(dir + "/" + out, VectorDomain::Sphere, &back, &error)) << out << ": " << error;
    ASSERT_EQ(back.values.size(), source.values.size()) << out;
    for (size_t i = 0; i < source.values.size(); ++i)
      ASSERT_NEAR(back.values[i], source.values[i], tolerance + 1e-6) << out << " value " << i;
    if (out.find(".ktx2") != std::string::npos) EXPECT_EQ(declaredVectorValues(dir + "/" + out), "sphere") << out;
  }
  // A file without a declared kind converts with --values (EA's FAST PNGs); a KTX2 keeps how it was made.
  test::CommandResult r = test::runCli("export --values sphere " + dir + "/p16.png " + dir + "/again.ktx2");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  Ktx2Texture again;
  ASSERT_TRUE(readKtx2(dir + "/r16.ktx2", &again, &error)) << error;
  EXPECT_EQ(again.keyValues["specdither.seed"], "3");
  EXPECT_EQ(again.keyValues["specdither.encoding"], "(v+1)/2");
  for (const auto& [args, expected] :
       {std::pair<std::string, std::string>{"in.ktx2 x.h", "a vector mask is written as"},
        {"in.ktx2 x.ktx2 --values vec2", "holds sphere values"},
        {"in.ktx2 x.ktx2 --snippet x.glsl", "--snippet does not apply to vector masks"},
        {"in.ktx2 x.ktx2 --format r8 --bits 16", "disagree"}}) {
    std::string line = "export " + args;
    for (const char* file : {"in.ktx2", "x.h", "x.ktx2", "x.glsl"}) {
      const size_t at = line.find(std::string(" ") + file);
      if (at != std::string::npos) line.replace(at + 1, std::string(file).size(), dir + "/" + file);
    }
    r = test::runCli(line);
    EXPECT_NE(r.exitCode, 0) << args;
    EXPECT_NE(r.errors.find(expected), std::string::npos) << args << ": " << r.errors;
  }
}

TEST_F(VectorCli, BadInputIsRefusedWithOneLine) {
  const std::string dir = test::makeTempDir();
  for (const std::string args :
       {"--values vec3 --size 16", "--values circle --size 3", "--values circle --size 16 --preset hvs",
        "--values sphere --size 16 --sigmas 1", "--values vec2 --width 4096 --height 4096",
        "--values vec2 --size 16 --bits 8 --out-npy", "--values vec2 --size 16 --start-sigma 0",
        "--values vec2 --size 16 --start-sigma 20"}) {
    std::string line = "generate " + args;
    if (line.find("--out-npy") != std::string::npos)
      line.replace(line.find("--out-npy"), 9, "--out " + dir + "/x.npy");
    else
      line += " --out " + dir + "/x.ktx2";
    const test::CommandResult r = test::runCli(line);
    EXPECT_NE(r.exitCode, 0) << args;
    EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << args << ": " << r.errors;
    EXPECT_EQ(r.errors.find("device"), std::string::npos) << "no GPU opened for " << args;
  }
}

TEST(VectorMetrics, JointPeriodogramMatchesADirectDftAndParseval) {
  // A tiny 2-component mask: the periodogram against the double sum over every pixel of the DFT definition.
  const uint32_t w = 5, h = 4;
  const Mask mask = whiteMask(VectorDomain::Square, w, h, 11);
  const std::vector<double> p = vectorJointPeriodogram(mask);
  const size_t n = size_t(w) * h;
  double variance = 0, mean[2] = {0, 0};
  for (size_t i = 0; i < n; ++i)
    for (int c = 0; c < 2; ++c) mean[c] += mask.values[i * 2 + c] / double(n);
  for (size_t i = 0; i < n; ++i)
    for (int c = 0; c < 2; ++c) variance += std::pow(mask.values[i * 2 + c] - mean[c], 2) / double(n);
  double total = 0;
  for (uint32_t ky = 0; ky < h; ++ky)
    for (uint32_t kx = 0; kx < w; ++kx) {
      double power = 0;
      for (int c = 0; c < 2; ++c) {
        double re = 0, im = 0;
        for (uint32_t y = 0; y < h; ++y)
          for (uint32_t x = 0; x < w; ++x) {
            const double angle = -2 * 3.14159265358979323846 * (double(kx * x) / w + double(ky * y) / h);
            re += (mask.values[(y * w + x) * 2 + c] - mean[c]) * std::cos(angle);
            im += (mask.values[(y * w + x) * 2 + c] - mean[c]) * std::sin(angle);
          }
        power += re * re + im * im;
      }
      EXPECT_NEAR(p[ky * w + kx], power / (double(n) * variance), 1e-9) << ky << "," << kx;
      total += p[ky * w + kx];
    }
  EXPECT_NEAR(total, double(n), 1e-9);  // Parseval, with the DC bin 0
  const std::vector<double> rings = radialAverage(p, w, h);
  EXPECT_EQ(rings.size(), 3u);
  EXPECT_NEAR(rings[0], 0.0, 1e-12);
}

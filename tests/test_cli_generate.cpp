// `specdither generate` end to end: output histograms are exact, runs are reproducible, bad input gets one
// line and a non-zero exit and leaves no file.
#include "gpu_test.h"
#include "specdither/mask_io.h"
#include "specdither/png_io.h"
#include "test_files.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

using namespace specdither;
using test::runCli;

namespace {

TEST(CliGenerate, WronskiPresetWritesAnExact16BitPermutation) {
  const std::string dir = test::makeTempDir();
  const std::string out = dir + "/mask.png";
  test::CommandResult r = runCli(
      "generate --validate --preset wronski2020 --width 20 --height 12 --steps 50 --bits 16 --json --out " + out);
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_NE(r.output.find("\"final_loss\""), std::string::npos) << r.output;
  PngImage png;
  std::string error;
  ASSERT_TRUE(readPng(out, &png, &error)) << error;
  ASSERT_EQ(png.width, 20u);
  ASSERT_EQ(png.height, 12u);
  ASSERT_EQ(png.bitDepth, 16u);
  std::map<uint16_t, int> counts;
  for (uint16_t v : png.samples) counts[v]++;
  EXPECT_EQ(counts.size(), 240u) << "16-bit export of N <= 65536 is a permutation";
  // value = rank * 65536 / N: check the exact set.
  for (uint32_t rank = 0; rank < 240; ++rank) EXPECT_EQ(counts.count(uint16_t(rank * 65536u / 240u)), 1u) << rank;
}

TEST(CliGenerate, EightBitHoldsEachLevelEquallyOften) {
  const std::string dir = test::makeTempDir();
  const std::string out = dir + "/mask.png";
  test::CommandResult r = runCli("generate --validate --preset wronski2020 --size 32 --steps 20 --bits 8 --out " + out);
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  PngImage png;
  std::string error;
  ASSERT_TRUE(readPng(out, &png, &error)) << error;
  std::map<uint16_t, int> counts;
  for (uint16_t v : png.samples) counts[v]++;
  ASSERT_EQ(counts.size(), 256u);
  for (const auto& [level, count] : counts) EXPECT_EQ(count, 4) << "level " << level;
}

TEST(CliGenerate, SameSeedSameBytes) {
  const std::string dir = test::makeTempDir();
  const std::string common = "generate --preset wronski2020 --size 24 --steps 30 --bits 16 ";
  ASSERT_EQ(runCli(common + "--seed 5 --out " + dir + "/a.png").exitCode, 0);
  ASSERT_EQ(runCli(common + "--seed 5 --out " + dir + "/b.png").exitCode, 0);
  ASSERT_EQ(runCli(common + "--seed 6 --out " + dir + "/c.png").exitCode, 0);
  EXPECT_EQ(test::slurpBytes(dir + "/a.png"), test::slurpBytes(dir + "/b.png"));
  EXPECT_NE(test::slurpBytes(dir + "/a.png"), test::slurpBytes(dir + "/c.png"));
}

TEST(CliGenerate, BadInputFailsWithOneLineAndNoFile) {
  // More cases, timed, in test_cli_checks.cpp.
  const std::string dir = test::makeTempDir();
  const std::string out = dir + "/never.png";
  const char* cases[] = {
      "--size 0",
      "--size 1",
      "--size 3",
      "--size 4097",
      "--preset wronski2020 --size 64 --steps -5",
      "--preset wronski2020 --size 64 --w-low nan",
      "--preset wronski2020 --size 64 --w-hist -1",
      "--size 64 --preset nosuch",
      "--size 64 --frobnicate 3",
      "--preset wronski2020 --size 64 --optimizer sgd",
      "--preset wronski2020 --size 64 --cutoff 0",
      "--width 64",
      "--size 64 --width 32",
  };
  for (const char* args : cases) {
    test::CommandResult r = runCli(std::string("generate ") + args + " --out " + out);
    EXPECT_NE(r.exitCode, 0) << args;
    EXPECT_LT(r.exitCode, 128) << args << ": crashed";
    EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << args << ": " << r.errors;
    EXPECT_EQ(r.errors.rfind("specdither: ", 0), 0u) << args << ": " << r.errors;
    EXPECT_FALSE(test::fileExists(out)) << args;
  }
  // An output folder that does not exist: refused before the run, nothing written anywhere.
  test::CommandResult r = runCli("generate --preset wronski2020 --size 16 --steps 2 --out " + dir +
                                 "/missing/dir/m.png");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_LT(r.exitCode, 128);
  EXPECT_NE(r.errors.find("does not exist"), std::string::npos) << r.errors;
  EXPECT_FALSE(test::fileExists(dir + "/missing"));
}

// Settings that diverge (the loss NaN within a few hundred steps before the safeguard, issue 13): each either
// completes with a finite mask thanks to the safeguard, reporting its rollbacks and final step size, or exits
// non-zero with one line naming the step and the knob; a diverged run never writes a file.
TEST(CliGenerate, DivergenceIsAnErrorNotAResult) {
  const std::string dir = test::makeTempDir();
  const struct {
    const char* args;
    float learningRate;  // as given
    const char* knob;    // "": completes after rollbacks
  } cases[] = {
      {"--optimizer momentum", 0.7f, ""},  // the article's step with momentum
      {"--w-low 3", 0.7f, ""},
      {"--lr 100", 100, ""},
      {"--optimizer adam --lr 1000", 1000, ""},
      {"--no-random-scaling", 0.7f, ""},  // c2 = 1 every step: the histogram term overshoots at 0.7
      {"--lr 1000", 1000, "--lr 1000"},
      {"--optimizer momentum --lr 100", 100, "--lr 100"},
      {"--optimizer adam --lr 1e6", 1e6f, "--lr 1e+06"},
      {"--w-low 1000", 0.7f, "--w-low 1000"},
  };
  for (const auto& c : cases) {
    const std::string out = dir + "/m.npy";
    const test::CommandResult r = runCli(std::string("generate --preset wronski2020 --size 32 --steps 300 --json ") +
                                         c.args + " --out " + out);
    if (*c.knob == 0) {
      ASSERT_EQ(r.exitCode, 0) << c.args << ": " << r.errors;
      const nlohmann::json j = nlohmann::json::parse(r.output);
      const unsigned rollbacks = j["rollbacks"];
      EXPECT_GE(rollbacks, 1u) << c.args;
      EXPECT_FLOAT_EQ(j["final_lr"].get<float>(), c.learningRate * std::ldexp(1.0f, -int(rollbacks))) << c.args;
      EXPECT_TRUE(std::isfinite(j["final_loss"]["total"].get<double>())) << c.args;
      Mask mask;
      std::string error;
      ASSERT_TRUE(readMask(out, &mask, &error)) << error;
      EXPECT_TRUE(std::all_of(mask.values.begin(), mask.values.end(), [](float v) { return std::isfinite(v); }));
      EXPECT_TRUE(isExactPermutation(mask)) << c.args;
      std::remove(out.c_str());
    } else {
      EXPECT_EQ(r.exitCode, 1) << c.args << ": " << r.errors;
      EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << c.args << ": " << r.errors;
      EXPECT_EQ(r.errors.rfind("specdither: the ", 0), 0u) << r.errors;
      EXPECT_NE(r.errors.find(" at step "), std::string::npos) << r.errors;
      EXPECT_NE(r.errors.find(c.knob), std::string::npos) << c.args << ": " << r.errors;
      EXPECT_NE(r.errors.find("; try "), std::string::npos) << r.errors;
      EXPECT_FALSE(test::fileExists(out)) << c.args;
    }
  }
  // The one line of a run that completed names its rollbacks and step size.
  const test::CommandResult r = runCli(
      "generate --preset wronski2020 --size 32 --steps 300 --optimizer momentum --out " + dir + "/m.png");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_NE(r.errors.find(", 1 rollback, step size 0.35\n"), std::string::npos) << r.errors;
}

}  // namespace

namespace {

// Every method reachable from `generate` writes an exact permutation (16-bit PNG of N <= 65536 pixels).
TEST(CliGenerate, EveryMethodWritesAnExactPermutation) {
  const std::string dir = test::makeTempDir();
  const char* methods[] = {"--method vac",
                           "--method white",
                           "--method bayer",
                           "--method lottes",
                           "--validate --preset hvs --passes 50",
                           "--validate --preset annealing --passes 50",
                           "--validate --preset wronski2020 --steps 50",
                           "--validate --passes 50"};
  for (const char* method : methods) {
    const std::string out = dir + "/m.png";
    test::CommandResult r = runCli(std::string("generate --width 32 --height 16 ") + method + " --out " + out);
    ASSERT_EQ(r.exitCode, 0) << method << ": " << r.errors;
    PngImage png;
    std::string error;
    ASSERT_TRUE(readPng(out, &png, &error)) << error;
    std::map<uint16_t, int> counts;
    for (uint16_t v : png.samples) counts[v]++;
    EXPECT_EQ(counts.size(), 512u) << method;
    std::remove(out.c_str());
  }
  // Bayer needs power-of-two sides: one line, no file.
  test::CommandResult r = runCli("generate --method bayer --size 10 --out " + dir + "/b.png");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << r.errors;
  EXPECT_FALSE(test::fileExists(dir + "/b.png"));
}

// --preset-file: the file gives the preset, size, seed and knobs; the options given override them; a file that
// cannot be used is one line naming it (and the field), before any work, and no output.
TEST(CliGenerate, PresetFileIsTheBaseThatOptionsOverride) {
  const std::string dir = test::makeTempDir();
  const std::string file = dir + "/soft.json";
  nlohmann::json preset = {{"preset", "hvs"},
                           {"width", 24},
                           {"height", 16},
                           {"seed", 3},
                           {"swap", {{"passes", 40}, {"sigmas", {1.0, 2.0}}, {"sigma_weights", {1.0, 1.0}}}}};
  std::ofstream(file) << preset.dump(2);
  const std::string viaFile = dir + "/file.npy", viaOptions = dir + "/options.npy";
  test::CommandResult r = runCli("generate --preset-file " + file + " --out " + viaFile);
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  r = runCli("generate --width 24 --height 16 --seed 3 --passes 40 --sigmas 1,2 --sigma-weights 1,1 --out " +
             viaOptions);
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_EQ(test::slurpBytes(viaFile), test::slurpBytes(viaOptions));

  // Options override the file: size, seed and a knob.
  r = runCli("generate --preset-file " + file + " --size 16 --seed 4 --passes 10 --json --out " + viaFile);
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  Mask mask;
  std::string error;
  ASSERT_TRUE(readMask(viaFile, &mask, &error)) << error;
  EXPECT_EQ(mask.shape, (MaskShape{16, 16}));
  const nlohmann::json summary = nlohmann::json::parse(r.output, nullptr, false);
  ASSERT_TRUE(summary.is_object()) << r.output;
  EXPECT_EQ(summary.value("passes", 0), 10);
  EXPECT_EQ(summary.value("seed", 0), 4);

  // The file decides which options apply: a wronski2020 file takes --steps, not --passes.
  std::ofstream(file) << nlohmann::json({{"preset", "wronski2020"}, {"width", 16}, {"height", 16}}).dump();
  r = runCli("generate --preset-file " + file + " --steps 20 --cutoff 0.5 --out " + viaFile);
  EXPECT_EQ(r.exitCode, 0) << r.errors;

  const std::string out = dir + "/never.png";
  const std::pair<std::string, std::string> bad[] = {
      {"--preset-file " + dir + "/missing.json", "missing.json"},
      {"--preset-file " + file + " --passes 10", "--passes belongs to"},
      {"--preset-file " + file + " --preset hvs", "is a wronski2020 preset"},
      {"--preset-file " + file + " --method vac --size 16", "--preset-file belongs to"},
      {"--preset-file " + dir + "/broken.json", "broken.json"},
      {"--preset-file " + dir + "/badfield.json", "spectral.cutoff"},
  };
  std::ofstream(dir + "/broken.json") << "{ not json";
  std::ofstream(dir + "/badfield.json") << R"({"preset": "wronski2020", "spectral": {"cutoff": "wide"}})";
  for (const auto& [args, expected] : bad) {
    r = runCli("generate " + args + " --out " + out);
    EXPECT_EQ(r.exitCode, 1) << args;
    EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << args << ": " << r.errors;
    EXPECT_NE(r.errors.find(expected), std::string::npos) << args << ": " << r.errors;
    EXPECT_FALSE(test::fileExists(out)) << args;
  }
}

}  // namespace

// `specdither generate` end to end: output histograms are exact, runs are reproducible, bad input gets one
// line and a non-zero exit and leaves no file.
#include "gpu_test.h"
#include "specdither/mask_io.h"
#include "specdither/png_io.h"
#include "test_files.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

using namespace specdither;
using test::runCli;

namespace {

TEST(CliGenerate, WronskiPresetWritesAnExact16BitPermutation) {
  const std::string dir = test::makeTempDir();
  const std::string out = dir + "/mask.png";
  test::CommandResult r = runCli("generate --validate --preset wronski2020 --width 20 --height 12 --steps 50 --bits 16 --json --out " + out);
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
      "--size 0", "--size 1", "--size 3", "--size 4097", "--preset wronski2020 --size 64 --steps -5",
      "--preset wronski2020 --size 64 --w-low nan", "--preset wronski2020 --size 64 --w-hist -1",
      "--size 64 --preset nosuch", "--size 64 --frobnicate 3", "--preset wronski2020 --size 64 --optimizer sgd",
      "--preset wronski2020 --size 64 --cutoff 0", "--width 64", "--size 64 --width 32",
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
  test::CommandResult r = runCli("generate --preset wronski2020 --size 16 --steps 2 --out " + dir + "/missing/dir/m.png");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_LT(r.exitCode, 128);
  EXPECT_NE(r.errors.find("does not exist"), std::string::npos) << r.errors;
  EXPECT_FALSE(test::fileExists(dir + "/missing"));
}

}  // namespace

namespace {

// Every method reachable from `generate` writes an exact permutation (16-bit PNG of N <= 65536 pixels).
TEST(CliGenerate, EveryMethodWritesAnExactPermutation) {
  const std::string dir = test::makeTempDir();
  const char* methods[] = {"--method vac", "--method white", "--method bayer", "--method lottes",
                           "--validate --preset hvs --passes 50", "--validate --preset annealing --passes 50",
                           "--validate --preset wronski2020 --steps 50", "--validate --passes 50"};
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

}  // namespace

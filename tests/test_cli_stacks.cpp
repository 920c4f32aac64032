// Spatiotemporal stacks end to end (docs/method.md §8): `generate --slices` by every method that makes stacks
// (each slice an exact permutation), and `analyze` / `compare` of stacks from .npy, .ktx2 and a PNG atlas.
#include "gpu_test.h"
#include "test_files.h"

#include "specdither/mask_io.h"
#include "specdither/png_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

using namespace specdither;
using test::runCli;

namespace {

bool everySliceAPermutation(const Mask& stack) {
  for (uint32_t s = 0; s < stack.shape.slices; ++s)
    if (!isExactPermutation(maskSlice(stack, s))) return false;
  return true;
}

TEST(CliStacks, EveryStackMethodMakesPermutationSlices) {
  const std::string dir = test::makeTempDir();
  for (const char* method : {"--validate --preset hvs --passes 20", "--validate --method independent --passes 20",
                             "--validate --method golden-ratio", "--validate --method stratified", "--method white",
                             "--validate --preset hvs --passes 10 --temporal mean:3 --temporal-weight 1"}) {
    SCOPED_TRACE(method);
    const std::string out = dir + "/s.npy";
    const test::CommandResult r = runCli(std::string("generate --width 16 --height 12 --slices 5 ") + method +
                                         " --out " + out);
    ASSERT_EQ(r.exitCode, 0) << r.errors;
    Mask stack;
    std::string error;
    ASSERT_TRUE(readMask(out, &stack, &error)) << error;
    EXPECT_EQ(stack.shape, (MaskShape{16, 12, 5}));
    EXPECT_TRUE(everySliceAPermutation(stack));
  }
  // The same settings give the same bytes; another seed other ones.
  const std::string common = "generate --size 16 --slices 4 --passes 10 ";
  ASSERT_EQ(runCli(common + "--out " + dir + "/a.ktx2").exitCode, 0);
  ASSERT_EQ(runCli(common + "--out " + dir + "/b.ktx2").exitCode, 0);
  ASSERT_EQ(runCli(common + "--seed 2 --out " + dir + "/c.ktx2").exitCode, 0);
  EXPECT_EQ(test::slurpBytes(dir + "/a.ktx2"), test::slurpBytes(dir + "/b.ktx2"));
  EXPECT_NE(test::slurpBytes(dir + "/a.ktx2"), test::slurpBytes(dir + "/c.ktx2"));
}

TEST(CliStacks, AnalyzeAndCompareMeasureStacks) {
  const std::string dir = test::makeTempDir();
  ASSERT_EQ(runCli("generate --size 16 --slices 6 --method white --out " + dir + "/w.npy").exitCode, 0);
  ASSERT_EQ(runCli("generate --size 16 --slices 6 --method golden-ratio --out " + dir + "/g.ktx2").exitCode, 0);
  test::CommandResult r = runCli("analyze --json " + dir + "/w.npy");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json white = nlohmann::json::parse(r.output, nullptr, false);
  ASSERT_TRUE(white.is_object()) << r.output;
  EXPECT_EQ(white["slices"], 6);
  EXPECT_EQ(white["convergence"]["ea_error"].size(), 6u);
  EXPECT_TRUE(white["slices_are_permutations"].get<bool>());
  // White noise measures about 0 dB per slice; the golden-ratio animation of a blue mask far below.
  EXPECT_NEAR(white["slice_hvs"]["1"]["mean_db"].get<double>(), 0.0, 1.5);
  r = runCli("compare " + dir + "/w.npy " + dir + "/g.ktx2");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_NE(r.output.find("EA E(1)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("mean of 4 frames (dB)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("mean of all T frames (dB)"), std::string::npos) << r.output;

  // A PNG atlas of the golden-ratio stack (slices top to bottom) measures as the stack itself.
  Mask golden;
  std::string error;
  ASSERT_TRUE(readMask(dir + "/g.ktx2", &golden, &error)) << error;
  PngImage atlas;
  atlas.width = 16;
  atlas.height = 16 * 6;
  atlas.channels = 1;
  atlas.bitDepth = 8;
  for (float v : golden.values) atlas.samples.push_back(uint16_t(std::floor(v * 256)));
  ASSERT_TRUE(writePng(dir + "/atlas.png", atlas, &error)) << error;
  r = runCli("analyze --json --slices 6 " + dir + "/atlas.png");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json fromAtlas = nlohmann::json::parse(r.output, nullptr, false);
  r = runCli("analyze --json " + dir + "/g.ktx2");
  const nlohmann::json fromKtx = nlohmann::json::parse(r.output, nullptr, false);
  EXPECT_EQ(fromAtlas["convergence"]["ea_error"], fromKtx["convergence"]["ea_error"]);
  r = runCli("analyze --slices 5 " + dir + "/atlas.png");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.errors.find("divisible by 5"), std::string::npos) << r.errors;
}

}  // namespace

// One PNG per slice (docs/method.md §8.6): written all together, read back as the stack, refused in one line.
TEST(CliStacks, OnePngPerSliceRoundTrips) {
  const std::string dir = test::makeTempDir();
  const std::string common = "generate --width 16 --height 12 --slices 5 --method white --seed 4 ";
  ASSERT_EQ(runCli(common + "--out " + dir + "/s.npy").exitCode, 0);
  const test::CommandResult r = runCli(common + "--bits 16 --out '" + dir + "/s_%03d.png'");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  std::vector<std::string> names = test::entries(dir);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"s.npy", "s_000.png", "s_001.png", "s_002.png", "s_003.png",
                                             "s_004.png"}));  // and no staging file left
  Mask fromNpy, fromPngs, slice3;
  std::string error;
  ASSERT_TRUE(readMask(dir + "/s.npy", &fromNpy, &error)) << error;
  ASSERT_TRUE(readMask(dir + "/s_%03d.png", &fromPngs, &error)) << error;
  EXPECT_EQ(fromPngs.shape, fromNpy.shape);
  EXPECT_EQ(ranksOf(fromPngs), ranksOf(fromNpy));
  ASSERT_TRUE(readMask(dir + "/s_003.png", &slice3, &error)) << error;
  EXPECT_EQ(slice3.shape, (MaskShape{16, 12}));
  const test::CommandResult a = runCli("analyze --json '" + dir + "/s_%03d.png'");
  ASSERT_EQ(a.exitCode, 0) << a.errors;
  EXPECT_EQ(nlohmann::json::parse(a.output, nullptr, false)["slices"], 5);

  struct Case {
    std::string out, says;
  };
  for (const Case& c : std::vector<Case>{{dir + "/t_%x.png", "%d or %0Nd"},
                                         {dir + "/t_%d_%d.png", "one slice number"},
                                         {dir + "/t_%03d.ktx2", "one PNG per slice"},
                                         {dir + "/f%d/t.png", "in the file name"},
                                         {dir + "/missing/t_%d.png", "missing"}}) {
    SCOPED_TRACE(c.out);
    const test::CommandResult bad = runCli(common + "--out '" + c.out + "'");
    EXPECT_NE(bad.exitCode, 0);
    EXPECT_NE(bad.errors.find(c.says), std::string::npos) << bad.errors;
    EXPECT_EQ(std::count(bad.errors.begin(), bad.errors.end(), '\n'), 1) << bad.errors;
  }
  EXPECT_EQ(test::entries(dir).size(), 6u);  // the refusals wrote nothing
  const test::CommandResult none = runCli("analyze '" + dir + "/u_%02d.png'");
  EXPECT_NE(none.exitCode, 0);
  EXPECT_NE(none.errors.find("u_00.png does not exist"), std::string::npos) << none.errors;
}

// `analyze --report` of stacks: the table, the convergence and E(k) plots beside the golden-ratio baseline, and per
// stack its XY spectrum, XT plane and XT spectrum (docs/method.md §8.4).
TEST(CliStacks, ReportsOfStacksHoldTheirPlots) {
  const std::string dir = test::makeTempDir();
  ASSERT_EQ(runCli("generate --size 16 --slices 8 --passes 20 --out " + dir + "/s.ktx2").exitCode, 0);
  ASSERT_EQ(runCli("generate --size 16 --slices 8 --method white --out " + dir + "/w.npy").exitCode, 0);
  const test::CommandResult r = runCli("compare " + dir + "/s.ktx2 " + dir + "/w.npy --report " + dir + "/report");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  for (const char* file : {"report.md", "convergence.png", "ea_error.png", "xy_spectrum_1.png", "xt_1.png",
                           "xt_spectrum_1.png", "xy_spectrum_2.png", "xt_2.png", "xt_spectrum_2.png"})
    EXPECT_TRUE(test::fileExists(dir + "/report/" + file)) << file;
  const std::vector<uint8_t> md = test::slurpBytes(dir + "/report/report.md");
  const std::string text(md.begin(), md.end());
  EXPECT_NE(text.find("| E(8) |"), std::string::npos) << text;
  EXPECT_NE(text.find("golden ratio over slice 0 of s.ktx2"), std::string::npos) << text;
  PngImage plot;
  std::string error;
  ASSERT_TRUE(readPng(dir + "/report/convergence.png", &plot, &error)) << error;
  EXPECT_GT(plot.width, 600u);
  const test::CommandResult photo = runCli("analyze " + dir + "/s.ktx2 --report " + dir + "/r2 --photo x.png");
  EXPECT_NE(photo.exitCode, 0);
}

// A stack as one PNG per slice (issue 14, docs/method.md §8.6), beyond test_cli_stacks.cpp's round trip: the
// values bit-exact against the .npy and the PNG atlas (and export of a pattern to a pattern byte-identical),
// refusals timed before any work, and a write that fails midway or would fail at a rename leaves nothing.
#include "gpu_test.h"
#include "test_files.h"

#include "specdither/mask_io.h"
#include "specdither/png_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

using namespace specdither;
using test::runCli;

namespace {

Mask readOrFail(const std::string& path) {
  Mask mask;
  std::string error;
  EXPECT_TRUE(readMask(path, &mask, &error)) << error;
  return mask;
}

}  // namespace

TEST(SliceFiles, StackRoundTripsBitExactThroughThePattern) {
  const std::string dir = test::makeTempDir();
  // 16x16 slices at 8 bits: each file an exact permutation, read back to the finished values themselves.
  ASSERT_EQ(runCli("generate --size 16 --slices 5 --method white --seed 3 --out " + dir + "/s.npy").exitCode, 0);
  test::CommandResult r = runCli("generate --size 16 --slices 5 --method white --seed 3 --out " + dir + "/f_%03d.png");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_EQ(test::entries(dir),
            (std::vector<std::string>{"f_000.png", "f_001.png", "f_002.png", "f_003.png", "f_004.png", "s.npy"}));
  PngImage first;
  std::string error;
  ASSERT_TRUE(readPng(dir + "/f_000.png", &first, &error)) << error;
  EXPECT_EQ(first.width, 16u);
  EXPECT_EQ(first.height, 16u);
  EXPECT_EQ(first.channels, 1u);
  EXPECT_EQ(first.bitDepth, 8u);
  const Mask stack = readOrFail(dir + "/s.npy");
  const Mask files = readOrFail(dir + "/f_%03d.png");
  EXPECT_EQ(files.shape, stack.shape);
  EXPECT_EQ(files.values, stack.values);

  // At 16 bits (--bits, the atlas's option) the files hold the atlas's levels slice for slice; export reads the
  // pattern and writes it back to the same bytes.
  const std::string g = "generate --width 20 --height 12 --slices 3 --method white --bits 16 --out ";
  ASSERT_EQ(runCli(g + dir + "/atlas.png").exitCode, 0);
  ASSERT_EQ(runCli(g + dir + "/b_%d.png").exitCode, 0);
  MaskReadOptions atlas;
  atlas.atlasSlices = 3;
  Mask fromAtlas;
  ASSERT_TRUE(readMask(dir + "/atlas.png", &fromAtlas, &error, atlas)) << error;
  const Mask fromFiles = readOrFail(dir + "/b_%d.png");
  EXPECT_EQ(fromFiles.shape, (MaskShape{20, 12, 3}));
  EXPECT_EQ(fromFiles.values, fromAtlas.values);
  ASSERT_TRUE(readPng(dir + "/b_2.png", &first, &error)) << error;
  EXPECT_EQ(first.bitDepth, 16u);
  r = runCli("export --bits 16 " + dir + "/b_%d.png " + dir + "/c_%02d.png");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  for (const char* n : {"0", "1", "2"})
    EXPECT_EQ(test::slurpBytes(dir + "/c_0" + n + ".png"), test::slurpBytes(dir + "/b_" + n + ".png"));

  // analyze and compare take the pattern as a stack, as they take the .npy.
  r = runCli("analyze --json " + dir + "/f_%03d.png");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const test::CommandResult fromNpy = runCli("analyze --json " + dir + "/s.npy");
  ASSERT_EQ(fromNpy.exitCode, 0) << fromNpy.errors;
  nlohmann::json a = nlohmann::json::parse(r.output), b = nlohmann::json::parse(fromNpy.output);
  for (const char* key : {"file", "name"}) a.erase(key), b.erase(key);
  EXPECT_EQ(a, b);
  r = runCli("compare --json " + dir + "/f_%03d.png " + dir + "/s.npy");
  EXPECT_EQ(r.exitCode, 0) << r.errors;

  // A 2D mask given a pattern is one file, number 0.
  ASSERT_EQ(runCli("generate --size 16 --method white --out " + dir + "/one_%03d.png").exitCode, 0);
  EXPECT_EQ(readOrFail(dir + "/one_%03d.png").shape, (MaskShape{16, 16}));
  EXPECT_TRUE(test::slurpBytes(dir + "/one_001.png").empty());
}

TEST(SliceFiles, BadPatternsAndFoldersAreRefusedBeforeAnyWork) {
  const std::string dir = test::makeTempDir();
  const std::string g = "generate --size 64 --slices 16 --validate --preset hvs --out ";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {g + dir + "/m_%3d.png", "%d or %0Nd"},
      {g + dir + "/m_%s.png", "%d or %0Nd"},
      {g + dir + "/m_%03d_%d.png", "one slice number"},
      {g + dir + "/m_100%.png", "%d or %0Nd"},
      {g + dir + "/missing/m_%03d.png", "folder '" + dir + "/missing' does not exist"},
      {g + dir + "/m_%03d.tif", "one PNG per slice"},
      {"generate --size 16 --slices 4 --bits 12 --out " + dir + "/m_%03d.png", "--bits"},
      {"export " + dir + "/s.npy " + dir + "/m_%x.png", "%d or %0Nd"},
      {"analyze " + dir + "/none_%03d.png", "first slice " + dir + "/none_000.png does not exist"},
      {"analyze --slices 4 " + dir + "/m_%q.png", "%d or %0Nd"}};
  for (const auto& [arguments, says] : cases) {
    SCOPED_TRACE(arguments);
    const auto start = std::chrono::steady_clock::now();
    const test::CommandResult r = runCli(arguments);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_NE(r.exitCode, 0);
    EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << r.errors;
    EXPECT_NE(r.errors.find(says), std::string::npos) << r.errors;
    EXPECT_LT(seconds, 0.5);  // a 64x64x16 hvs run takes many seconds on lavapipe
    EXPECT_TRUE(test::entries(dir).empty());
  }
}

TEST(SliceFiles, AFailedWriteLeavesNoFile) {
  const std::string dir = test::makeTempDir();
  Mask stack;
  stack.shape = {8, 8, 4};
  for (uint32_t s = 0; s < 4; ++s) {
    const Mask slice = test::randomPermutationMask(8, 8, s);
    stack.values.insert(stack.values.end(), slice.values.begin(), slice.values.end());
  }
  // Slice 2 cannot be written (a NaN): slices 0 and 1, already written, must not be left, nor any staging file.
  Mask broken = stack;
  broken.values[2 * 64 + 5] = std::numeric_limits<float>::quiet_NaN();
  std::string error;
  EXPECT_FALSE(writeMask(broken, dir + "/m_%03d.png", {}, &error));
  EXPECT_NE(error.find("slice 2 of '" + dir + "/m_%03d.png'"), std::string::npos) << error;
  EXPECT_NE(error.find("non-finite"), std::string::npos) << error;
  EXPECT_TRUE(test::entries(dir).empty());

  // A slice name taken by a folder is refused before anything is written.
  Mask shorter = stack;
  shorter.shape.slices = 2;
  shorter.values.resize(2 * 64);
  ASSERT_TRUE(writeMask(shorter, dir + "/k_%03d.png", {}, &error)) << error;
  const std::vector<uint8_t> before = test::slurpBytes(dir + "/k_000.png");
  ASSERT_EQ(system(("mkdir " + dir + "/k_003.png").c_str()), 0);
  EXPECT_FALSE(writeMask(stack, dir + "/k_%03d.png", {}, &error));
  EXPECT_NE(error.find("k_003.png': it is a folder"), std::string::npos) << error;
  EXPECT_EQ(test::slurpBytes(dir + "/k_000.png"), before);
  EXPECT_EQ(test::entries(dir), (std::vector<std::string>{"k_000.png", "k_001.png", "k_003.png"}));

  // After a longer stack, a shorter one's write names the file that would join it when read back.
  ASSERT_EQ(system(("rmdir " + dir + "/k_003.png").c_str()), 0);
  ASSERT_TRUE(writeMask(stack, dir + "/k_%03d.png", {}, &error)) << error;
  std::string warning;
  MaskExportOptions options;
  options.warning = &warning;
  ASSERT_TRUE(writeMask(shorter, dir + "/k_%03d.png", options, &error)) << error;
  EXPECT_NE(warning.find("k_002.png' (an earlier write's) follows the last slice"), std::string::npos) << warning;
  warning.clear();
  ASSERT_TRUE(writeMask(stack, dir + "/k_%03d.png", options, &error)) << error;
  EXPECT_EQ(warning, "");
}

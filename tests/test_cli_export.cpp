// `specdither export IN OUT`: conversions through every format keep the mask, and every bad input gets one
// line on stderr, a non-zero exit, no output file and an untouched existing file.
#include "gpu_test.h"
#include "test_files.h"
#include "specdither/ktx2_format.h"
#include "specdither/mask_io.h"
#include "specdither/png_io.h"

#include <dirent.h>
#include <unistd.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <random>

using namespace specdither;

namespace {

class CliExport : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = test::makeTempDir();
    std::vector<uint32_t> ranks(64 * 64);
    std::iota(ranks.begin(), ranks.end(), 0u);
    std::shuffle(ranks.begin(), ranks.end(), std::mt19937(17));
    mask = maskFromRanks({{64, 64}, ranks});
    std::string error;
    ASSERT_TRUE(writeMask(mask, dir + "/in.npy", MaskExportOptions{}, &error)) << error;
  }

  std::string q(const std::string& name) const { return "'" + dir + "/" + name + "'"; }

  // Runs the CLI and checks the failure contract: non-zero exit, exactly one line on stderr.
  void expectFailure(const std::string& arguments, const std::string& fragment) {
    const test::CommandResult r = test::runCli(arguments);
    EXPECT_NE(r.exitCode, 0) << arguments;
    EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << arguments << ":\n" << r.errors;
    EXPECT_EQ(r.errors.rfind("specdither: ", 0), 0u) << r.errors;
    EXPECT_NE(r.errors.find(fragment), std::string::npos) << arguments << ":\n" << r.errors;
    EXPECT_LT(r.exitCode, 128) << "crashed: " << arguments;
  }

  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    if (DIR* d = opendir(dir.c_str())) {
      while (dirent* e = readdir(d))
        if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") names.push_back(e->d_name);
      closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  std::string dir;
  Mask mask;
};

}  // namespace

// A (slices, height, width) .npy becomes a KTX2 array texture and back, values exact; PNG refuses it.
TEST_F(CliExport, SlicedNpyBecomesAKtxArrayTexture) {
  Mask sliced;
  sliced.shape = {24, 16, 3};
  std::mt19937 rng(3);
  for (size_t i = 0; i < sliced.shape.valueCount(); ++i) sliced.values.push_back(float(rng() % 1000000) / 1e6f);
  std::string error;
  ASSERT_TRUE(writeMask(sliced, dir + "/sliced.npy", MaskExportOptions{}, &error)) << error;
  const test::CommandResult r = test::runCli("export " + q("sliced.npy") + " " + q("sliced.ktx2") + " --format r32f");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_NE(r.output.find("24x16x3"), std::string::npos) << r.output;
  Ktx2Texture texture;
  ASSERT_TRUE(readKtx2(dir + "/sliced.ktx2", &texture, &error)) << error;
  EXPECT_EQ(texture.layerCount, 3u);
  Mask back;
  ASSERT_TRUE(readMask(dir + "/sliced.ktx2", &back, &error)) << error;
  EXPECT_EQ(back.shape, sliced.shape);
  EXPECT_EQ(back.values, sliced.values);
  // Source code holds 2D masks only; a PNG holds the stack as an atlas of its slices, top to bottom.
  expectFailure("export " + q("sliced.npy") + " " + q("sliced.h"), "24x16x3");
  EXPECT_FALSE(test::fileExists(dir + "/sliced.h"));
  const test::CommandResult png = test::runCli("export " + q("sliced.npy") + " " + q("sliced.png"));
  ASSERT_EQ(png.exitCode, 0) << png.errors;
  MaskReadOptions atlas;
  atlas.atlasSlices = 3;
  ASSERT_TRUE(readMask(dir + "/sliced.png", &back, &error, atlas)) << error;
  EXPECT_EQ(back.shape, sliced.shape);
  EXPECT_EQ(ranksOf(back), ranksOf(sliced));
}

TEST_F(CliExport, ConvertsThroughEveryFormatAndKeepsTheMask) {
  // npy (float) -> ktx2 (auto: r16) -> png -> npy (uint16) -> ktx2 again: the ranks survive every hop and the
  // two KTX2 files are byte-identical.
  for (const std::string step : {"in.npy a.ktx2", "a.ktx2 b.png", "b.png c.npy --format r16", "c.npy d.ktx2",
                                 "d.ktx2 e.h --name e_mask", "d.ktx2 f.glsl --name f_mask"}) {
    const std::string in = step.substr(0, step.find(' '));
    const std::string rest = step.substr(step.find(' ') + 1);
    const std::string out = rest.substr(0, rest.find(' '));
    const std::string flags = rest.find(' ') == std::string::npos ? "" : rest.substr(rest.find(' '));
    const test::CommandResult r = test::runCli("export " + q(in) + " " + q(out) + flags);
    ASSERT_EQ(r.exitCode, 0) << step << ":\n" << r.errors;
    EXPECT_TRUE(r.errors.empty()) << r.errors;
    EXPECT_NE(r.output.find(out), std::string::npos) << r.output;
  }
  EXPECT_EQ(test::slurpText(dir + "/a.ktx2"), test::slurpText(dir + "/d.ktx2"));
  for (const char* file : {"a.ktx2", "b.png", "c.npy", "d.ktx2"}) {
    Mask back;
    std::string error;
    ASSERT_TRUE(readMask(dir + "/" + file, &back, &error)) << error;
    EXPECT_EQ(ranksOf(back), ranksOf(mask)) << file;
  }
  PngImage png;
  std::string error;
  ASSERT_TRUE(readPng(dir + "/b.png", &png, &error)) << error;
  EXPECT_EQ(png.bitDepth, 16u);
}

TEST_F(CliExport, ExplicitEightBitsForA64x64MaskSaysSoOnceAndWritesAnExactHistogram) {
  // The loss is what --bits 8 asked for: said once with the result, not as a warning on stderr.
  const test::CommandResult r = test::runCli("export " + q("in.npy") + " " + q("m8.png") + " --bits 8");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_TRUE(r.errors.empty()) << r.errors;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  EXPECT_NE(r.output.find("permutation"), std::string::npos) << r.output;
  PngImage png;
  std::string error;
  ASSERT_TRUE(readPng(dir + "/m8.png", &png, &error)) << error;
  std::vector<int> histogram(256, 0);
  for (uint16_t v : png.samples) ++histogram[v];
  EXPECT_TRUE(std::all_of(histogram.begin(), histogram.end(), [](int c) { return c == 16; }));
}

TEST_F(CliExport, BadInputsFailWithOneLineAndLeaveNoFile) {
  std::ofstream(dir + "/garbage.png") << "not a png at all";
  std::ofstream(dir + "/existing.png") << "keep me";
  std::ofstream(dir + "/plain_file") << "x";

  expectFailure("export " + q("in.npy") + " " + q("out.tif"), "unknown extension");
  expectFailure("export " + q("in.npy") + " " + q("noext"), "unknown extension");
  expectFailure("export " + q("missing.png") + " " + q("out.png"), "missing.png");
  expectFailure("export " + q("garbage.png") + " " + q("out.png"), "not a PNG");
  expectFailure("export " + q("in.npy") + " " + q("out.h") + " --name 'not valid'", "invalid name");
  expectFailure("export " + q("in.npy") + " " + q("out.glsl") + " --name gl_mask", "gl_");
  expectFailure("export " + q("in.npy") + " " + q("out.png") + " --format r32f", "float32");
  expectFailure("export " + q("in.npy") + " " + q("out.png") + " --format r8 --bits 16", "contradicts");
  expectFailure("export " + q("in.npy") + " " + q("out.png") + " --bits 12", "--bits");
  expectFailure("export " + q("in.npy") + " " + q("out.png") + " --format rgba8", "--format");
  expectFailure("export " + q("in.npy") + " " + q("no/such/folder/out.png"), "out.png");
  expectFailure("export " + q("in.npy") + " " + q("plain_file/out.png"), "out.png");
  expectFailure("export " + q("in.npy") + " " + q("existing.png") + " --format r32f", "existing.png");
  expectFailure("export " + q("in.npy") + " " + q("existing.png") + " --name x --bits 7", "--bits");
  expectFailure("export " + q("in.npy"), "OUT");
  expectFailure("export " + q("out.h") + " " + q("out.png"), "out.h");

  // Root ignores folder permissions: only a normal user can check a write-protected folder.
  if (geteuid() != 0) {
    ASSERT_EQ(mkdir((dir + "/locked").c_str(), 0555), 0);
    expectFailure("export " + q("in.npy") + " " + q("locked/out.png"), "Permission denied");
    chmod((dir + "/locked").c_str(), 0755);
    rmdir((dir + "/locked").c_str());
  }

  EXPECT_EQ(test::slurpText(dir + "/existing.png"), "keep me");
  EXPECT_EQ(entries(), (std::vector<std::string>{"existing.png", "garbage.png", "in.npy", "plain_file"}));
}

TEST_F(CliExport, HeaderForAMaskLargerThan256IsRefused) {
  std::vector<uint32_t> ranks(512 * 64);
  std::iota(ranks.begin(), ranks.end(), 0u);
  std::string error;
  ASSERT_TRUE(writeMask(maskFromRanks({{512, 64}, ranks}), dir + "/wide.npy", MaskExportOptions{}, &error)) << error;
  expectFailure("export " + q("wide.npy") + " " + q("wide.h"), "256x256");
  expectFailure("export " + q("wide.npy") + " " + q("wide.glsl"), "256x256");
  EXPECT_EQ(entries(), (std::vector<std::string>{"in.npy", "wide.npy"}));
}

// 128x128 is the size most used: its header is written (saying once, with the result, that a texture is
// lighter), and holds every rank.
TEST_F(CliExport, HeaderOf128x128IsWrittenWithOneNote) {
  std::vector<uint32_t> ranks(128 * 128);
  std::iota(ranks.rbegin(), ranks.rend(), 0u);
  std::string error;
  ASSERT_TRUE(writeMask(maskFromRanks({{128, 128}, ranks}), dir + "/big.png", MaskExportOptions{}, &error)) << error;
  for (const char* ext : {"h", "glsl"}) {
    const test::CommandResult r = test::runCli("export " + q("big.png") + " " + q(std::string("big.") + ext));
    ASSERT_EQ(r.exitCode, 0) << r.errors;
    EXPECT_TRUE(r.errors.empty()) << r.errors;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
    EXPECT_NE(r.output.find("128x128 table in source code is large"), std::string::npos) << r.output;
    std::ifstream in(dir + "/big." + ext);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The table's first entry (pixel 0) is the highest rank, and the table has all 16384 entries.
    // C: "name[W * H] = {", GLSL: "name[N] = uint[N](".
    const size_t assign = text.find("] = ");
    const size_t open = text.find_first_of("{(", assign);
    ASSERT_NE(open, std::string::npos) << text.substr(0, 400);
    EXPECT_EQ(std::strtoul(text.c_str() + open + 1, nullptr, 10), 16383ul);
    const size_t close = text.find_first_of("})", open);
    EXPECT_EQ(std::count(text.begin() + open, text.begin() + close, ','), 16383) << ext;
  }
}

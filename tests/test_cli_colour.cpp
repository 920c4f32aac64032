// Colour masks end to end (docs/method.md §11): `generate --channels` by every method that makes them (each
// channel an exact permutation), the files they go to and come back from, `analyze` / `compare` of colour masks
// from this tool and from others, and every refusal before any work.
#include "gpu_test.h"
#include "test_files.h"

#include "specdither/colour_metrics.h"
#include "specdither/mask_io.h"
#include "specdither/png_io.h"

#include <nlohmann/json.hpp>

using namespace specdither;
using test::runCli;

namespace {

bool everyChannelAPermutation(const Mask& mask) {
  for (uint32_t c = 0; c < mask.shape.channels; ++c)
    if (!isExactPermutation(maskChannel(mask, c))) return false;
  return true;
}

Mask readOrFail(const std::string& path) {
  Mask mask;
  std::string error;
  EXPECT_TRUE(readMask(path, &mask, &error)) << error;
  return mask;
}

double totalDb(const nlohmann::json& analysis, int bits) {
  for (const nlohmann::json& e : analysis["colour_flat_field"]["errors"])
    if (e["bits"] == bits) return e["total_db"].get<double>();
  return NAN;
}

}  // namespace

TEST(CliColour, EveryColourMethodMakesPermutationChannels) {
  const std::string dir = test::makeTempDir();
  struct Case {
    const char* arguments;
    uint32_t channels;
  };
  for (const Case& c :
       {Case{"--validate --passes 20", 3}, Case{"--validate --passes 20", 4}, Case{"--validate --passes 20", 2},
        Case{"--validate --passes 20 --refine-sweeps 1", 3}, Case{"--validate --method independent --passes 20", 3},
        Case{"--validate --method same-mask --passes 20", 4}, Case{"--validate --method inverted-green --passes 20", 3},
        Case{"--method white", 4}}) {
    SCOPED_TRACE(c.arguments);
    const std::string out = dir + "/c.npy";
    const test::CommandResult r = runCli("generate --width 16 --height 12 --channels " + std::to_string(c.channels) +
                                         " " + c.arguments + " --out " + out);
    ASSERT_EQ(r.exitCode, 0) << r.errors;
    const Mask mask = readOrFail(out);
    EXPECT_EQ(mask.shape, (MaskShape{16, 12, 1, c.channels}));
    EXPECT_TRUE(everyChannelAPermutation(mask));
  }
}

TEST(CliColour, ThePresetIsTheInvertedGreenArrangementOfTheScalarMask) {
  // docs/method.md §11.3: R = v, G = 1 - v, B = v from the scalar preset's mask of the seed; alpha its own mask.
  const std::string dir = test::makeTempDir();
  const std::string common = "generate --size 16 --passes 30 --seed 5 ";
  ASSERT_EQ(runCli(common + "--out " + dir + "/scalar.npy").exitCode, 0);
  ASSERT_EQ(runCli(common + "--channels 4 --out " + dir + "/rgba.npy").exitCode, 0);
  ASSERT_EQ(runCli(common + "--channels 3 --method independent --out " + dir + "/independent.npy").exitCode, 0);
  const Mask scalar = readOrFail(dir + "/scalar.npy"), rgba = readOrFail(dir + "/rgba.npy");
  const Mask independent = readOrFail(dir + "/independent.npy");
  const size_t n = scalar.values.size();
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(rgba.values[i * 4], scalar.values[i]);
    ASSERT_EQ(rgba.values[i * 4 + 1], 1.0f - scalar.values[i]);
    ASSERT_EQ(rgba.values[i * 4 + 2], scalar.values[i]);
    ASSERT_EQ(independent.values[i * 3], scalar.values[i]);  // channel 0: the seed's own mask
  }
  const Mask alpha = maskChannel(rgba, 3), green = maskChannel(independent, 1);
  EXPECT_NE(alpha.values, scalar.values);
  EXPECT_NE(green.values, scalar.values);
}

TEST(CliColour, FilesHoldTheChannelsAndReadBack) {
  const std::string dir = test::makeTempDir();
  for (uint32_t channels : {2u, 3u, 4u}) {
    SCOPED_TRACE(channels);
    const std::string common = "generate --size 16 --method white --seed 3 --channels " + std::to_string(channels);
    ASSERT_EQ(runCli(common + " --out " + dir + "/m.npy").exitCode, 0);
    ASSERT_EQ(runCli(common + " --bits 16 --out " + dir + "/m.png").exitCode, 0);
    const Mask npy = readOrFail(dir + "/m.npy"), png = readOrFail(dir + "/m.png");
    EXPECT_EQ(png.shape, npy.shape);
    EXPECT_EQ(ranksOf(png), ranksOf(npy));
    PngImage image;
    std::string error;
    ASSERT_TRUE(readPng(dir + "/m.png", &image, &error)) << error;
    EXPECT_EQ(image.channels, channels);  // gray + alpha, RGB, RGBA
    if (channels != 3) {
      ASSERT_EQ(runCli(common + " --out " + dir + "/m.ktx2").exitCode, 0);
      EXPECT_EQ(ranksOf(readOrFail(dir + "/m.ktx2")), ranksOf(npy));
    }
  }
}

TEST(CliColour, RefusesBadInputBeforeAnyWork) {
  const std::string dir = test::makeTempDir();
  const std::string out = " --out " + dir + "/x.png";
  struct Case {
    std::string arguments, says;
  };
  for (const Case& c : std::vector<Case>{
           {"--size 16 --channels 0", "--channels must be between 1 and 4"},
           {"--size 16 --channels 5", "--channels must be between 1 and 4"},
           {"--size 16 --channels 3 --values vec2", "--channels does not apply to --values"},
           {"--size 16 --channels 3 --slices 4 --refine-sweeps 1", "refining sweeps are for 2D colour masks"},
           {"--size 16 --channels 3 --slices 4 --method golden-ratio", "--channels belongs to"},
           {"--size 16 --channels 3 --slices 4 --temporal mean:5", "mean:5"},
           {"--size 16 --channel-coupling 2", "--channel-coupling is for colour masks"},
           {"--size 16 --refine-sweeps 1", "--refine-sweeps is for colour masks"},
           {"--size 16 --channels 3 --refine-sweeps 9", "--refine-sweeps must be between 0 and 8"},
           {"--size 16 --channels 3 --channel-coupling -1", "--channel-coupling must lie in [0, 100]"},
           {"--size 16 --method same-mask", "same-mask makes colour masks"},
           {"--size 16 --method independent", "makes stacks or colour masks"},
           {"--size 16 --channels 3 --method vac", "--channels belongs to"},
           {"--size 16 --channels 3 --preset wronski2020", "--channels belongs to"},
           {"--size 16 --channels 3 --method white --out " + dir + "/x.ktx2", "KTX2 holds masks of 1, 2 or 4"},
           {"--size 16 --channels 3 --method white --out " + dir + "/x.h", "holds one single-channel mask"},
       }) {
    SCOPED_TRACE(c.arguments);
    const bool ownOut = c.arguments.find("--out") != std::string::npos;
    const test::CommandResult r = runCli("generate " + c.arguments + (ownOut ? "" : out));
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.errors.find(c.says), std::string::npos) << r.errors;
    EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << r.errors;
  }
}

TEST(CliColour, AnalyzeAndCompareMeasureColourMasks) {
  const std::string dir = test::makeTempDir();
  const std::string common = "generate --size 32 --passes 100 --channels 3 ";
  ASSERT_EQ(runCli("generate --size 32 --channels 3 --method white --out " + dir + "/white.png").exitCode, 0);
  ASSERT_EQ(runCli(common + "--method same-mask --out " + dir + "/same.npy").exitCode, 0);
  ASSERT_EQ(runCli(common + "--out " + dir + "/preset.png").exitCode, 0);
  test::CommandResult r = runCli("analyze --json " + dir + "/preset.png");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json preset = nlohmann::json::parse(r.output, nullptr, false);
  ASSERT_EQ(preset["channels"].size(), 3u);
  for (const nlohmann::json& c : preset["channels"]) {
    EXPECT_TRUE(c["permutation"].get<bool>());
    EXPECT_LT(c["hvs_db"]["1.0"].get<double>(), -7.0);
  }
  r = runCli("compare --json " + dir + "/white.png " + dir + "/same.npy " + dir + "/preset.png");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json all = nlohmann::json::parse(r.output, nullptr, false);
  ASSERT_EQ(all["masks"].size(), 3u);
  for (int bits : {1, 2}) {
    EXPECT_NEAR(totalDb(all["masks"][0], bits), 0.0, 1.0);  // white noise per channel: 0 dB by definition
    // The same mask in every channel adds up the luma errors that the preset's green cancels.
    EXPECT_LT(totalDb(all["masks"][2], bits), totalDb(all["masks"][1], bits) - 0.5);
  }
  // A gray mask beside colour masks is the same mask in every channel.
  ASSERT_EQ(runCli("generate --size 32 --passes 100 --out " + dir + "/gray.npy").exitCode, 0);
  r = runCli("compare --json " + dir + "/gray.npy " + dir + "/same.npy");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json grayAndSame = nlohmann::json::parse(r.output, nullptr, false);
  EXPECT_NEAR(totalDb(grayAndSame["masks"][0], 1), totalDb(grayAndSame["masks"][1], 1), 1e-9);
  // The report: the figures as a table, each mask's channels and the photo dithered with them at 1 and 2 bits.
  r = runCli("compare " + dir + "/same.npy " + dir + "/preset.png --report " + dir + "/report");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const std::string md = test::slurpText(dir + "/report/report.md");
  EXPECT_NE(md.find("| colour flat field 1 bit total (dB) |"), std::string::npos) << md;
  for (const char* file :
       {"photo_original.png", "channels_1.png", "channels_2.png", "photo_1bit_2.png", "photo_2bit_2.png"}) {
    EXPECT_TRUE(test::fileExists(dir + "/report/" + file)) << file;
    EXPECT_NE(md.find(file), std::string::npos) << file;
  }
  PngImage picture;
  std::string error;
  ASSERT_TRUE(readPng(dir + "/report/photo_1bit_2.png", &picture, &error)) << error;
  EXPECT_EQ(picture.channels, 3u);
  // A photo that cannot be read, and --photo without --report, are refused before any work, leaving no folder.
  r = runCli("analyze " + dir + "/preset.png --report " + dir + "/bad --photo " + dir + "/missing.png");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.errors.find("missing.png"), std::string::npos) << r.errors;
  EXPECT_FALSE(test::fileExists(dir + "/bad"));
  r = runCli("analyze " + dir + "/preset.png --photo " + dir + "/white.png");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.errors.find("give --report DIR too"), std::string::npos) << r.errors;
}

// Colour stacks (--channels with --slices, docs/method.md §11.5): the preset is the inverted-green arrangement of
// the scalar stack preset of the seed, alpha its own stack; every method makes a permutation in every plane; the
// files hold them; analyze / compare measure each slice and the accumulation of frames, where the preset keeps its
// lead over independent channels and the same mask in every channel.
TEST(CliColour, ColourStacksAreTheArrangementOfTheScalarStack) {
  const std::string dir = test::makeTempDir();
  const std::string common = "generate --width 16 --height 12 --slices 3 --passes 20 --seed 5 --temporal ema:0.3 ";
  ASSERT_EQ(runCli(common + "--validate --out " + dir + "/scalar.npy").exitCode, 0);
  test::CommandResult r = runCli(common + "--validate --channels 4 --out " + dir + "/rgba.npy");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  ASSERT_EQ(runCli(common + "--channels 4 --out " + dir + "/rgba.ktx2").exitCode, 0);  // a 2D array of RGBA layers
  const Mask scalar = readOrFail(dir + "/scalar.npy"), rgba = readOrFail(dir + "/rgba.npy");
  EXPECT_EQ(ranksOf(readOrFail(dir + "/rgba.ktx2")), ranksOf(rgba));
  ASSERT_EQ(rgba.shape, (MaskShape{16, 12, 3, 4}));
  const size_t n = scalar.values.size();
  ASSERT_EQ(n, 16u * 12u * 3u);
  // Ranks per plane (192 levels: (r + 0.5) / N and 1 - that differ in the last bit of a float).
  const std::vector<uint32_t> scalarRanks = ranksOf(scalar), rgbaRanks = ranksOf(rgba);
  for (size_t i = 0; i < n; ++i) {
    ASSERT_EQ(rgbaRanks[i * 4], scalarRanks[i]) << i;
    ASSERT_EQ(rgbaRanks[i * 4 + 1], 16u * 12u - 1u - scalarRanks[i]) << i;
    ASSERT_EQ(rgbaRanks[i * 4 + 2], scalarRanks[i]) << i;
  }
  for (const char* method : {"independent", "same-mask", "inverted-green", "white"}) {
    SCOPED_TRACE(method);
    const std::string white = "generate --width 16 --height 12 --slices 3 --seed 5 ";  // no passes, no filter
    r = runCli((std::string(method) == "white" ? white : common) + "--channels 3 --method " + method + " --out " + dir +
               "/" + method + ".npy");
    ASSERT_EQ(r.exitCode, 0) << r.errors;
    const Mask mask = readOrFail(dir + "/" + method + ".npy");
    ASSERT_EQ(mask.shape, (MaskShape{16, 12, 3, 3}));
    for (uint32_t t = 0; t < 3; ++t) EXPECT_TRUE(everyChannelAPermutation(maskSlice(mask, t))) << t;
  }
  for (uint32_t t = 0; t < 3; ++t) EXPECT_TRUE(everyChannelAPermutation(maskSlice(rgba, t))) << t;
  EXPECT_NE(maskChannel(maskSlice(rgba, 0), 3).values, maskSlice(scalar, 0).values);  // alpha: its own stack

  r = runCli("compare --json " + dir + "/white.npy " + dir + "/same-mask.npy " + dir + "/independent.npy " + dir +
             "/inverted-green.npy");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json all = nlohmann::json::parse(r.output, nullptr, false);
  ASSERT_EQ(all["masks"].size(), 4u);
  for (const nlohmann::json& m : all["masks"]) {
    EXPECT_EQ(m["slices"], 3);
    ASSERT_TRUE(m["colour_flat_field"]["accumulated"].contains("mean of 2 frames")) << m.dump();
    ASSERT_TRUE(m["colour_flat_field"]["accumulated"].contains("mean of 3 frames")) << m.dump();
    ASSERT_TRUE(m["colour_flat_field"]["accumulated"].contains("EMA 0.1 after 3 frames")) << m.dump();
  }
  auto accumulatedDb = [&](size_t mask, const char* key, int bits) {
    for (const nlohmann::json& e : all["masks"][mask]["colour_flat_field"]["accumulated"][key])
      if (e["bits"] == bits) return e["total_db"].get<double>();
    return double(NAN);
  };
  for (int bits : {1, 2}) {
    EXPECT_NEAR(totalDb(all["masks"][0], bits), 0.0, 1.0);  // white noise: 0 dB per slice by definition
    EXPECT_LT(totalDb(all["masks"][3], bits), totalDb(all["masks"][1], bits) - 0.5);
    EXPECT_LT(accumulatedDb(3, "mean of 3 frames", bits), accumulatedDb(1, "mean of 3 frames", bits) - 0.5);
    EXPECT_LT(accumulatedDb(3, "mean of 3 frames", bits), accumulatedDb(2, "mean of 3 frames", bits));
  }
  // Their report adds the colour error of the mean of k frames, every stack at 1 and 2 bits.
  r = runCli("compare " + dir + "/independent.npy " + dir + "/inverted-green.npy --report " + dir + "/stacks");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_TRUE(test::fileExists(dir + "/stacks/accumulation.png"));
  EXPECT_NE(test::slurpText(dir + "/stacks/report.md").find("mean of 3 frames"), std::string::npos);
  // A gray stack beside colour stacks is the same stack in every channel; a 2D mask beside them is refused.
  r = runCli("compare --json " + dir + "/scalar.npy " + dir + "/rgba.ktx2");
  EXPECT_EQ(r.exitCode, 0) << r.errors;
  ASSERT_EQ(runCli("generate --width 16 --height 12 --method white --out " + dir + "/flat.npy").exitCode, 0);
  r = runCli("compare " + dir + "/flat.npy " + dir + "/rgba.ktx2");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.errors.find("as many slices"), std::string::npos) << r.errors;
}

TEST(CliColour, AnalyzeReadsAnRgbaTextureOfAnotherTool) {
  // Four independent 8-bit channels with a varying alpha, as Peters' RGBA textures are laid out.
  const std::string dir = test::makeTempDir();
  PngImage image;
  image.width = 16;
  image.height = 16;
  image.channels = 4;
  image.bitDepth = 8;
  image.samples.resize(256 * 4);
  for (uint32_t c = 0; c < 4; ++c)
    for (uint32_t i = 0; i < 256; ++i) image.samples[((i * 37 + c * 101) % 256) * 4 + c] = uint16_t(i);
  std::string error;
  ASSERT_TRUE(writePng(dir + "/rgba.png", image, &error)) << error;
  const test::CommandResult r = runCli("analyze --json " + dir + "/rgba.png");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json a = nlohmann::json::parse(r.output, nullptr, false);
  ASSERT_EQ(a["channels"].size(), 4u);
  for (const nlohmann::json& c : a["channels"]) EXPECT_TRUE(c["permutation"].get<bool>());
}

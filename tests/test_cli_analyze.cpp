// `specdither analyze` and `specdither compare` as a user runs them: the printed figures equal the core's, the
// JSON parses and carries every figure, --report writes a readable page and pictures, bad input is one line
// on stderr with a non-zero exit.
#include "specdither/baseline_masks.h"
#include "gpu_test.h"
#include "test_files.h"
#include "specdither/mask_io.h"
#include "specdither/mask_metrics.h"
#include "specdither/png_io.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace specdither;
using test::runCli;

namespace {

size_t lineCount(const std::string& text) {
  size_t lines = 0;
  for (char c : text) lines += c == '\n';
  return lines + (!text.empty() && text.back() != '\n');
}

// A void-and-cluster mask written as a 16-bit PNG in a fresh folder.
std::string writeTestMask(const std::string& dir, const std::string& name, BaselineMethod method, uint32_t w,
                          uint32_t h) {
  std::string error;
  const Mask mask = generateBaseline(method, {w, h}, 5, 0, &error);
  EXPECT_TRUE(error.empty()) << error;
  const std::string path = dir + "/" + name;
  MaskExportOptions options;
  options.bits = 16;
  EXPECT_TRUE(writeMask(mask, path, options, &error)) << error;
  return path;
}

MaskMetrics metricsOfFile(const std::string& path) {
  Mask mask;
  std::string error;
  EXPECT_TRUE(readMask(path, &mask, &error)) << error;
  return computeMaskMetrics(mask);
}

// A small photo so that the report does not depend on the shared data folder.
std::string writeTestPhoto(const std::string& dir) {
  PngImage photo;
  photo.width = 300;
  photo.height = 200;
  photo.channels = 3;
  for (uint32_t y = 0; y < photo.height; ++y)
    for (uint32_t x = 0; x < photo.width; ++x)
      for (int c = 0; c < 3; ++c) photo.samples.push_back(uint16_t((x * 255 / 299 + c * 20 * (y % 2)) % 256));
  const std::string path = dir + "/photo.png";
  std::string error;
  EXPECT_TRUE(writePng(path, photo, &error)) << error;
  return path;
}

void expectPng(const std::string& path, uint32_t width, uint32_t height) {
  PngImage image;
  std::string error;
  ASSERT_TRUE(readPng(path, &image, &error)) << error;
  if (width) EXPECT_EQ(image.width, width) << path;
  if (height) EXPECT_EQ(image.height, height) << path;
}

// A picture with labels around its content: at least that large.
void expectPngAtLeast(const std::string& path, uint32_t width, uint32_t height) {
  PngImage image;
  std::string error;
  ASSERT_TRUE(readPng(path, &image, &error)) << error;
  EXPECT_GT(image.width, width) << path;
  EXPECT_GT(image.height, height) << path;
}

TEST(CliAnalyze, PrintsTheCoresFigures) {
  const std::string dir = test::makeTempDir();
  const std::string mask = writeTestMask(dir, "vac.png", BaselineMethod::VoidAndCluster, 32, 32);
  const test::CommandResult r = runCli("analyze '" + mask + "'");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const MaskMetrics m = metricsOfFile(mask);
  for (const MetricFigure& f : metricSummary(m)) {
    EXPECT_NE(r.output.find(f.label), std::string::npos) << f.label << "\n" << r.output;
    EXPECT_NE(r.output.find(formatFigure(f)), std::string::npos) << f.label << "\n" << r.output;
  }
  EXPECT_NE(r.output.find("32x32"), std::string::npos);
}

TEST(CliAnalyze, JsonCarriesEveryFigure) {
  const std::string dir = test::makeTempDir();
  const std::string mask = writeTestMask(dir, "wide.png", BaselineMethod::VoidAndCluster, 40, 20);
  const test::CommandResult r = runCli("analyze --json '" + mask + "'");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json j = nlohmann::json::parse(r.output);
  const MaskMetrics m = metricsOfFile(mask);
  EXPECT_EQ(j["width"], 40);
  EXPECT_EQ(j["height"], 20);
  EXPECT_EQ(j["exact_permutation"], true);
  for (const MetricFigure& f : metricSummary(m)) EXPECT_DOUBLE_EQ(j["summary"][f.key].get<double>(), f.value) << f.key;
  ASSERT_EQ(j["levels"].size(), 15u);
  EXPECT_DOUBLE_EQ(j["levels"][3]["hvs_db"]["1.5"].get<double>(), m.hvs[1].levelDb[3]);
  EXPECT_DOUBLE_EQ(j["levels"][7]["lf_leakage"].get<double>(), m.levelLeakage[7]);
  EXPECT_EQ(j["radial"]["power"].size(), m.radialPower.size());
  EXPECT_EQ(j["ramp"]["width"], 160);
  EXPECT_DOUBLE_EQ(j["ramp"]["rmse"][0]["rmse"].get<double>(), m.ramp[0].rmse);
}

TEST(CliAnalyze, ReportHasTableAndPictures) {
  const std::string dir = test::makeTempDir();
  const std::string mask = writeTestMask(dir, "vac.png", BaselineMethod::VoidAndCluster, 64, 32);
  const std::string photo = writeTestPhoto(dir);
  const std::string report = dir + "/out/report";  // parents are created
  const test::CommandResult r = runCli("analyze '" + mask + "' --photo '" + photo + "' --report '" + report + "'");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const std::string md = test::slurpText(report + "/report.md");
  const MaskMetrics m = metricsOfFile(mask);
  EXPECT_NE(md.find("| HVS error σ=1.5 (dB) | " + formatFigure(metricSummary(m)[1]) + " |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 0.0625 |"), std::string::npos);  // the per-level table
  for (const char* picture : {"mask_1.png", "spectrum_1.png", "patterns_1.png", "ramp_1.png", "photo_1.png",
                              "radial_power.png", "photo_original.png"})
    EXPECT_NE(md.find(std::string("(") + picture + ")"), std::string::npos) << picture;
  expectPng(report + "/mask_1.png", 256, 128);             // 64x32 magnified 4x
  expectPngAtLeast(report + "/spectrum_1.png", 256, 128);  // with its colour bar
  expectPng(report + "/patterns_1.png", 4 * 192 + 3 * 8, 0);
  expectPngAtLeast(report + "/patterns_1.png", 0, 192);  // with the levels underneath
  expectPng(report + "/ramp_1.png", 768, 0);
  expectPng(report + "/photo_1.png", 256, 200);  // the centred crop of a 300x200 photo
  expectPngAtLeast(report + "/radial_power.png", 640, 360);

  // The dithered photo really is the photo thresholded by the tiled mask: 1 bit, mean close to the photo's.
  PngImage dithered, original;
  std::string error;
  ASSERT_TRUE(readPng(report + "/photo_1.png", &dithered, &error)) << error;
  ASSERT_TRUE(readPng(report + "/photo_original.png", &original, &error)) << error;
  double meanDithered = 0, meanOriginal = 0;
  for (size_t i = 0; i < dithered.samples.size(); ++i) {
    ASSERT_TRUE(dithered.samples[i] == 0 || dithered.samples[i] == 255);
    meanDithered += dithered.samples[i] / 255.0 / dithered.samples.size();
    meanOriginal += original.samples[i] / 255.0 / original.samples.size();
  }
  EXPECT_NEAR(meanDithered, meanOriginal, 0.01);
}

TEST(CliAnalyze, KodakPhotoWhenTheSharedFolderIsThere) {
  const std::string kodak = test::sharedDataDir() + "/data/kodak/kodim23.png";
  if (!test::fileExists(kodak)) GTEST_SKIP() << "no Kodak photo at " << kodak << " (shared data folder absent)";
  const std::string dir = test::makeTempDir();
  const std::string mask = writeTestMask(dir, "vac.png", BaselineMethod::VoidAndCluster, 16, 16);
  const test::CommandResult r = runCli("analyze '" + mask + "' --report '" + dir + "/rep'");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_NE(test::slurpText(dir + "/rep/report.md").find("kodim23.png"), std::string::npos);
  expectPng(dir + "/rep/photo_1.png", 256, 256);
}

TEST(CliCompare, OneColumnPerMask) {
  const std::string dir = test::makeTempDir();
  const std::string a = writeTestMask(dir, "vac.png", BaselineMethod::VoidAndCluster, 32, 32);
  const std::string b = writeTestMask(dir, "bayer.png", BaselineMethod::Bayer, 32, 32);
  const std::string c = writeTestMask(dir, "white.png", BaselineMethod::White, 32, 32);
  const std::string photo = writeTestPhoto(dir);
  const test::CommandResult r = runCli("compare '" + a + "' '" + b + "' '" + c + "' --photo '" + photo +
                                       "' --report '" + dir + "/cmp'");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  for (const char* name : {"vac.png", "bayer.png", "white.png"}) EXPECT_NE(r.output.find(name), std::string::npos);
  const std::string md = test::slurpText(dir + "/cmp/report.md");
  EXPECT_NE(md.find("| | vac.png | bayer.png | white.png |"), std::string::npos) << md;
  // Bayer has the lowest HVS error at sigma 1: its cell is the bold one.
  const MaskMetrics bayer = metricsOfFile(b);
  EXPECT_NE(md.find("**" + formatFigure(metricSummary(bayer)[0]) + "**"), std::string::npos) << md;
  for (int i = 1; i <= 3; ++i) {
    expectPng(dir + "/cmp/mask_" + std::to_string(i) + ".png", 256, 256);
    expectPng(dir + "/cmp/photo_" + std::to_string(i) + ".png", 256, 200);
  }
  expectPngAtLeast(dir + "/cmp/radial_power.png", 640, 360);

  const test::CommandResult j = runCli("compare --json '" + a + "' '" + b + "'");
  ASSERT_EQ(j.exitCode, 0) << j.errors;
  const nlohmann::json parsed = nlohmann::json::parse(j.output);
  ASSERT_EQ(parsed["masks"].size(), 2u);
  EXPECT_EQ(parsed["masks"][1]["name"], "bayer.png");
}

// Two files called mask.png: the report's columns carry their folders.
TEST(CliCompare, RepeatedFileNamesAreToldApart) {
  const std::string dir = test::makeTempDir();
  for (const char* folder : {"/a", "/b"}) ASSERT_TRUE(std::filesystem::create_directories(dir + folder));
  const std::string a = writeTestMask(dir + "/a", "mask.png", BaselineMethod::VoidAndCluster, 16, 16);
  const std::string b = writeTestMask(dir + "/b", "mask.png", BaselineMethod::White, 16, 16);
  const test::CommandResult r = runCli("compare '" + a + "' '" + b + "' --photo '" + writeTestPhoto(dir) +
                                       "' --report '" + dir + "/cmp'");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const std::string md = test::slurpText(dir + "/cmp/report.md");
  EXPECT_NE(md.find("| | a/mask.png | b/mask.png |"), std::string::npos) << md;
  EXPECT_NE(md.find("blue = a/mask.png, orange = b/mask.png"), std::string::npos) << md;
}

void expectOneLineFailure(const test::CommandResult& r, const std::string& mentions) {
  EXPECT_NE(r.exitCode, 0);
  EXPECT_EQ(lineCount(r.errors), 1u) << r.errors;
  EXPECT_EQ(r.errors.rfind("specdither: ", 0), 0u) << r.errors;
  EXPECT_NE(r.errors.find(mentions), std::string::npos) << r.errors;
}

TEST(CliAnalyze, BadInputIsOneLine) {
  const std::string dir = test::makeTempDir();
  expectOneLineFailure(runCli("analyze '" + dir + "/missing.png'"), "missing.png");

  std::ofstream(dir + "/notes.png") << "this is not a PNG\n";
  expectOneLineFailure(runCli("analyze '" + dir + "/notes.png'"), "notes.png");

  const std::string mask = writeTestMask(dir, "vac.png", BaselineMethod::VoidAndCluster, 16, 16);
  std::ofstream(dir + "/file") << "x";
  // A report folder below a regular file cannot be created.
  const test::CommandResult unwritable = runCli("analyze '" + mask + "' --report '" + dir + "/file/report'");
  expectOneLineFailure(unwritable, "file/report");
  EXPECT_FALSE(test::fileExists(dir + "/file/report"));

  expectOneLineFailure(runCli("analyze '" + mask + "' --photo '" + dir + "/nophoto.png' --report '" + dir + "/r'"),
                       "nophoto.png");
  EXPECT_FALSE(test::fileExists(dir + "/r"));
  expectOneLineFailure(runCli("compare '" + mask + "' '" + dir + "/missing.png' --report '" + dir + "/c'"),
                       "missing.png");
  EXPECT_FALSE(test::fileExists(dir + "/c/report.md"));
  EXPECT_NE(runCli("analyze").exitCode, 0);
}

// Masks with channels are not analyzed yet (stacks are: test_cli_stacks.cpp), with slices or without.
// Stacks of colour masks (2D colour masks are analyzed: test_cli_colour.cpp).
// Stacks with channels are colour stacks (tests/test_cli_colour.cpp measures them); beside a stack of other slices
// or a 2D mask they are refused with one line naming the shape.
TEST(CliAnalyze, ColourStacksAreMeasuredAndMismatchedOnesRefusedWithOneLine) {
  const std::string dir = test::makeTempDir();
  std::string error;
  for (const MaskShape& shape : {MaskShape{16, 16, 3, 2}, MaskShape{16, 16, 2, 4}}) {
    Mask mask;
    mask.shape = shape;
    for (size_t i = 0; i < shape.valueCount(); ++i) mask.values.push_back(float((i % 256 + 0.5) / 256));
    const std::string path = dir + "/shaped.npy";
    ASSERT_TRUE(writeMask(mask, path, MaskExportOptions{}, &error)) << error;
    const test::CommandResult r = runCli("analyze --json '" + path + "'");
    ASSERT_EQ(r.exitCode, 0) << r.errors;
    EXPECT_EQ(nlohmann::json::parse(r.output)["slices"], shape.slices);
    Mask other = mask;
    other.shape.slices = 1;
    other.values.resize(other.shape.valueCount());
    const std::string flat = dir + "/flat.npy";
    ASSERT_TRUE(writeMask(other, flat, MaskExportOptions{}, &error)) << error;
    expectOneLineFailure(runCli("compare '" + path + "' '" + flat + "'"), toString(other.shape));
  }
}

}  // namespace

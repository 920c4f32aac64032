// specdither-studio end to end: the real window under Xvfb on lavapipe with validation layers (any validation
// error makes the studio exit non-zero), checked through a screenshot of its own swapchain image; its exports
// and presets; and every bad input the issue names (missing or corrupt photo, unwritable screenshot path, no
// display, no Vulkan device), each of which must end in one clear message and a non-zero exit, never a crash.
#include "gpu_test.h"
#include "test_files.h"

#include "specdither/mask.h"
#include "specdither/mask_io.h"
#include "specdither/png_io.h"
#include "specdither/vector_mask_io.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

using namespace specdither;
using namespace specdither::test;

namespace {

std::string quote(const std::string& s) { return "'" + s + "'"; }

// The JSON summary the studio prints as its last line of stdout after --frames.
nlohmann::json summaryOf(const CommandResult& r) {
  std::string last;
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) last = line;
  return nlohmann::json::parse(last, nullptr, false);
}

// A crash shows as a signal (exit code >= 128 from the shell); a handled error is a small code.
void expectCleanFailure(const CommandResult& r, const std::string& mention) {
  EXPECT_NE(r.exitCode, 0) << "expected a failure; stderr: " << r.errors;
  EXPECT_LT(r.exitCode, 128) << "the studio crashed; stderr: " << r.errors;
  EXPECT_NE(r.errors.find(mention), std::string::npos) << "stderr should mention '" << mention << "': " << r.errors;
}

struct Rect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int area() const { return std::max(0, x1 - x0) * std::max(0, y1 - y0); }
};

Rect rectOf(const nlohmann::json& panels, const char* name) {
  Rect r;
  if (!panels.contains(name) || !panels[name].is_array() || panels[name].size() != 4) return r;
  r.x0 = panels[name][0];
  r.y0 = panels[name][1];
  r.x1 = panels[name][2];
  r.y1 = panels[name][3];
  return r;
}

struct Pixel {
  int r, g, b;
};

Pixel at(const PngImage& image, int x, int y) {
  const uint16_t* p = &image.samples[(size_t(y) * image.width + x) * image.channels];
  return {p[0], p[1], p[2]};
}

// Visits the photo panel's lower half (clear of the labels at the top) on both sides of the split, clear of the
// split line: visit(left, pixel).
template <typename Visit>
void forEachSidePixel(const PngImage& png, const Rect& photo, Visit visit) {
  const int mid = (photo.x0 + photo.x1) / 2, top = (photo.y0 + photo.y1) / 2;
  for (int y = top; y < photo.y1; ++y)
    for (int x = photo.x0; x < photo.x1; ++x)
      if (std::abs(x - mid) >= 4) visit(x < mid, at(png, x, y));
}

// The gray levels on each side of the split (forEachSidePixel).
struct SideLevels {
  std::set<int> left, right;
};
SideLevels grayLevelsBySide(const PngImage& png, const Rect& photo) {
  SideLevels levels;
  forEachSidePixel(png, photo, [&](bool left, const Pixel& p) {
    if (p.r == p.g && p.g == p.b) (left ? levels.left : levels.right).insert(p.r);
  });
  return levels;
}

// The studio's own 1280x720 screenshot, read back.
void readScreenshot(const std::string& path, PngImage* png) {
  std::string error;
  ASSERT_TRUE(readPng(path, png, &error)) << error;
  ASSERT_EQ(png->width, 1280u);
  ASSERT_EQ(png->height, 720u);
  ASSERT_GE(png->channels, 3u);
}

// Distinct RGB colours on a 2-pixel grid: a blank or broken frame has few.
size_t distinctColours(const PngImage& png) {
  std::set<uint32_t> colours;
  for (uint32_t y = 0; y < png.height; y += 2)
    for (uint32_t x = 0; x < png.width; x += 2) {
      const Pixel p = at(png, int(x), int(y));
      colours.insert(uint32_t(p.r) << 16 | uint32_t(p.g) << 8 | uint32_t(p.b));
    }
  return colours.size();
}

class StudioTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* build = std::getenv("SPECDITHER_BUILD_DIR");
    if (!build) GTEST_SKIP() << "SPECDITHER_BUILD_DIR is not set: run the studio tests through ctest";
    binary = std::string(build) + "/bin/specdither-studio";
    if (!fileExists(binary)) GTEST_SKIP() << binary << " was not built (configured with SPECDITHER_BUILD_STUDIO=OFF?)";
    dir = makeTempDir();
  }

  bool haveXvfb() { return runShell("command -v xvfb-run").exitCode == 0; }

  // Runs the studio in a fresh virtual X server of the size the tests expect.
  CommandResult runWindowed(const std::string& arguments, const std::string& environment = "") {
    return runShell(environment + " xvfb-run -a -s '-screen 0 1280x720x24' " + quote(binary) + " " + arguments);
  }

  // A windowed run that must succeed: exit code 0, its JSON summary an object, no validation error.
  void runWindowedSummary(const std::string& arguments, nlohmann::json* summary) {
    const CommandResult r = runWindowed(arguments);
    ASSERT_EQ(r.exitCode, 0) << r.errors;
    *summary = summaryOf(r);
    ASSERT_TRUE(summary->is_object()) << "no JSON summary on stdout: " << r.output;
    EXPECT_EQ(summary->value("validation_errors", -1), 0);
  }

  std::string kodakImage() {
    const std::string path = sharedDataDir() + "/data/kodak/kodim23.png";
    return fileExists(path) ? path : "";
  }

  // `--save-preset` with studioArguments, then the file with `edits` to its swap knobs run by `specdither generate
  // --preset-file`, must give the bytes `specdither generate cliArguments` gives. Returns the saved file.
  nlohmann::json expectSavedPresetRunsAs(const std::string& studioArguments, const nlohmann::json& edits,
                                         const std::string& cliArguments) {
    const std::string file = dir + "/saved_preset.json";
    CommandResult r = runShell(quote(binary) + " " + studioArguments + " --save-preset " + quote(file));
    EXPECT_EQ(r.exitCode, 0) << r.errors;
    nlohmann::json j = nlohmann::json::parse(test::slurpText(file), nullptr, false);
    EXPECT_TRUE(j.is_object());
    if (!j.is_object()) return j;
    const nlohmann::json saved = j;
    for (const auto& item : edits.items()) j["swap"][item.key()] = item.value();
    std::ofstream(file) << j.dump(2);
    const std::string cli = quote(std::string(std::getenv("SPECDITHER_BUILD_DIR")) + "/bin/specdither");
    r = runShell(cli + " generate --preset-file " + quote(file) + " --out " + quote(dir + "/from_file.npy"));
    EXPECT_EQ(r.exitCode, 0) << r.errors;
    r = runShell(cli + " generate " + cliArguments + " --out " + quote(dir + "/from_options.npy"));
    EXPECT_EQ(r.exitCode, 0) << r.errors;
    EXPECT_EQ(slurpBytes(dir + "/from_file.npy"), slurpBytes(dir + "/from_options.npy")) << studioArguments;
    return saved;
  }

  std::string binary, dir;
};

TEST_F(StudioTest, ScreenshotShowsMatrixSpectrumAndDitheredPhoto) {
  if (!haveXvfb()) GTEST_SKIP() << "xvfb-run is not installed (apt-get install xvfb xauth): no display to test in";
  const std::string shot = dir + "/studio.png";
  const std::string image = kodakImage();
  if (image.empty())
    std::fprintf(stderr, "note: no Kodak images in %s; the studio shows its test chart\n", sharedDataDir().c_str());
  // 1-bit RGB without a comparison split: every photo pixel must then be one of the 8 corners of the RGB cube.
  nlohmann::json summary;
  ASSERT_NO_FATAL_FAILURE(runWindowedSummary("--validate --frames 30 --size 64 --bits 1 --compare none --screenshot " +
                                                 quote(shot) + (image.empty() ? "" : " --image " + quote(image)),
                                             &summary));
  EXPECT_EQ(summary.value("frames", 0), 30);
  EXPECT_GT(summary.value("steps", 0), 0) << "the optimizer should have run during the frames";

  PngImage png;
  ASSERT_NO_FATAL_FAILURE(readScreenshot(shot, &png));

  // Not blank: a real UI has many colours.
  EXPECT_GT(distinctColours(png), 500u) << "the screenshot looks blank";

  const nlohmann::json& panels = summary["panels"];
  const Rect matrix = rectOf(panels, "matrix"), spectrum = rectOf(panels, "spectrum"), photo = rectOf(panels, "photo");
  for (const Rect* rect : {&matrix, &spectrum, &photo}) {
    ASSERT_GE(rect->area(), 64 * 64) << "a view is missing or tiny: " << panels.dump();
    ASSERT_TRUE(rect->x0 >= 0 && rect->y0 >= 0 && rect->x1 <= int(png.width) && rect->y1 <= int(png.height));
  }

  // Matrix: a gray image (R = G = B) with many distinct levels (64x64 distinct mask values).
  {
    size_t gray = 0, total = 0;
    std::set<int> levels;
    for (int y = matrix.y0; y < matrix.y1; ++y)
      for (int x = matrix.x0; x < matrix.x1; ++x, ++total) {
        const Pixel p = at(png, x, y);
        if (p.r == p.g && p.g == p.b) {
          ++gray;
          levels.insert(p.r);
        }
      }
    EXPECT_GE(double(gray) / total, 0.99) << "the matrix view should be gray";
    EXPECT_GE(levels.size(), 100u) << "the matrix view should show the mask's many values";
  }
  // Spectrum: the colormap (not gray), many colours.
  {
    size_t coloured = 0, total = 0;
    std::set<uint32_t> seen;
    for (int y = spectrum.y0; y < spectrum.y1; ++y)
      for (int x = spectrum.x0; x < spectrum.x1; ++x, ++total) {
        const Pixel p = at(png, x, y);
        if (std::max({p.r, p.g, p.b}) - std::min({p.r, p.g, p.b}) > 20) ++coloured;
        seen.insert(uint32_t(p.r) << 16 | uint32_t(p.g) << 8 | uint32_t(p.b));
      }
    EXPECT_GE(double(coloured) / total, 0.8) << "the spectrum view should show the colormap";
    EXPECT_GE(seen.size(), 64u);
  }
  // Photo at 1 bit per channel: channels are 0 or 255 (the focus outline drawn over it is a few hundred
  // pixels), with several of the 8 possible colours, both black and white included.
  {
    size_t binary = 0, total = 0;
    std::set<uint32_t> corners;
    for (int y = photo.y0; y < photo.y1; ++y)
      for (int x = photo.x0; x < photo.x1; ++x, ++total) {
        const Pixel p = at(png, x, y);
        auto edge = [](int c) { return c == 0 || c == 255; };
        if (edge(p.r) && edge(p.g) && edge(p.b)) {
          ++binary;
          corners.insert(uint32_t(p.r) << 16 | uint32_t(p.g) << 8 | uint32_t(p.b));
        }
      }
    EXPECT_GE(double(binary) / total, 0.97) << "the photo view should be dithered to 1 bit per channel";
    EXPECT_GE(corners.size(), 4u) << "a dithered photo mixes several of the 8 colours";
    EXPECT_TRUE(corners.count(0) && corners.count(0xffffff)) << "both black and white dots expected";
  }
}

// The "Separable filter" tab (--tab filter): the optimizer runs, the filter F is drawn with its negative part
// (the truncated SVD of a disk rings) in red next to its positive part in gray, and both blurs are shown.
TEST_F(StudioTest, ScreenshotShowsSeparableFilterTab) {
  if (!haveXvfb()) GTEST_SKIP() << "xvfb-run is not installed (apt-get install xvfb xauth)";
  const std::string shot = dir + "/filter.png";
  nlohmann::json summary;
  ASSERT_NO_FATAL_FAILURE(
      runWindowedSummary("--validate --frames 30 --tab filter --screenshot " + quote(shot), &summary));
  EXPECT_EQ(summary.value("tab", std::string()), "filter");
  EXPECT_GT(summary.value("filter_steps", 0), 0) << "the filter optimizer should have run during the frames";

  PngImage png;
  ASSERT_NO_FATAL_FAILURE(readScreenshot(shot, &png));
  EXPECT_GT(distinctColours(png), 200u) << "the screenshot looks blank";

  const nlohmann::json& panels = summary["panels"];
  const Rect filter = rectOf(panels, "filter"), separable = rectOf(panels, "separable"),
             exact = rectOf(panels, "exact");
  for (const Rect* rect : {&filter, &separable, &exact}) {
    ASSERT_GE(rect->area(), 64 * 64) << "a view is missing or tiny: " << panels.dump();
    ASSERT_TRUE(rect->x0 >= 0 && rect->y0 >= 0 && rect->x1 <= int(png.width) && rect->y1 <= int(png.height));
  }
  size_t red = 0, gray = 0, total = 0;
  for (int y = filter.y0; y < filter.y1; ++y)
    for (int x = filter.x0; x < filter.x1; ++x, ++total) {
      const Pixel p = at(png, x, y);
      if (p.r >= 100 && p.r > p.g + 60 && p.r > p.b + 60)
        ++red;
      else if (p.r == p.g && p.g == p.b && p.r >= 128)
        ++gray;
    }
  EXPECT_GE(double(red) / total, 0.01) << "the filter's negative values should be highlighted in red";
  EXPECT_GE(double(gray) / total, 0.3) << "the disk's positive values should be drawn in gray";
  // The blurs are images, not empty rectangles.
  for (const Rect* rect : {&separable, &exact}) {
    std::set<uint32_t> seen;
    for (int y = rect->y0; y < rect->y1; y += 2)
      for (int x = rect->x0; x < rect->x1; x += 2) {
        const Pixel p = at(png, x, y);
        seen.insert(uint32_t(p.r) << 16 | uint32_t(p.g) << 8 | uint32_t(p.b));
      }
    EXPECT_GE(seen.size(), 64u) << "a blurred photo looks empty";
  }
}

// Resizing the window re-creates the swapchain (and the screenshot buffer) with the validation layers watching.
TEST_F(StudioTest, SurvivesAWindowResize) {
  if (!haveXvfb()) GTEST_SKIP() << "xvfb-run is not installed (apt-get install xvfb xauth)";
  const std::string shot = dir + "/resized.png";
  const CommandResult r = runWindowed("--validate --frames 24 --size 32 --resize-to 1024x640 --screenshot " +
                                      quote(shot));
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_EQ(summaryOf(r).value("validation_errors", -1), 0);
  PngImage png;
  std::string error;
  ASSERT_TRUE(readPng(shot, &png, &error)) << error;
  EXPECT_EQ(png.width, 1024u);
  EXPECT_EQ(png.height, 640u);
}

// The Export button's path, automated: after a few frames of each preset the exported mask is finished (an exact
// permutation of the right size).
TEST_F(StudioTest, ExportsAFinishedMaskFromEitherPreset) {
  if (!haveXvfb()) GTEST_SKIP() << "xvfb-run is not installed (apt-get install xvfb xauth)";
  for (const char* preset : {"hvs", "wronski2020"}) {
    SCOPED_TRACE(preset);
    const std::string out = dir + "/" + preset + ".png";
    nlohmann::json summary;
    ASSERT_NO_FATAL_FAILURE(runWindowedSummary(
        std::string("--validate --frames 12 --width 40 --height 24 --preset ") + preset + " --export " + quote(out),
        &summary));
    EXPECT_EQ(summary.value("preset", ""), preset);
    EXPECT_GT(summary.value("steps", 0), 0);
    Mask mask;
    std::string error;
    ASSERT_TRUE(readMask(out, &mask, &error)) << error;
    EXPECT_EQ(mask.shape, (MaskShape{40, 24}));
    EXPECT_TRUE(isExactPermutation(mask));
  }
}

TEST_F(StudioTest, PresetFilesRoundTripAndBadOnesAreRefusedByName) {
  const std::string first = dir + "/first.json", second = dir + "/second.json";
  CommandResult r = runShell(quote(binary) + " --preset wronski2020 --size 32 --save-preset " + quote(first));
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  nlohmann::json j = nlohmann::json::parse(test::slurpText(first), nullptr, false);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["preset"], "wronski2020");
  EXPECT_EQ(j["width"], 32);
  EXPECT_EQ(j["spectral"]["cutoff"], 0.7);
  EXPECT_EQ(j["spectral"]["weight_histogram"], 2.2);

  j["spectral"]["cutoff"] = 0.45;
  j["spectral"]["optimizer"] = "adam";
  j["swap"]["start_ramp_quantile"] = 0.25;
  j["height"] = 16;
  std::ofstream(first) << j.dump(2);
  r = runShell(quote(binary) + " --preset-file " + quote(first) + " --save-preset " + quote(second));
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json k = nlohmann::json::parse(test::slurpText(second), nullptr, false);
  ASSERT_TRUE(k.is_object());
  EXPECT_EQ(k["spectral"]["cutoff"], 0.45);
  EXPECT_EQ(k["spectral"]["optimizer"], "adam");
  EXPECT_EQ(k["swap"]["start_ramp_quantile"], 0.25);
  EXPECT_EQ(k["width"], 32);
  EXPECT_EQ(k["height"], 16);

  j["spectral"]["cutoff"] = "wide";
  std::ofstream(first) << j.dump(2);
  expectCleanFailure(runShell(quote(binary) + " --preset-file " + quote(first) + " --save-preset " + quote(second)),
                     "spectral.cutoff");
  std::ofstream(first) << "{ not json";
  expectCleanFailure(runShell(quote(binary) + " --preset-file " + quote(first) + " --save-preset " + quote(second)),
                     first);

  // The default preset's old name is still accepted, and saved under its one name.
  r = runShell(quote(binary) + " --preset default --save-preset " + quote(second));
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_EQ(nlohmann::json::parse(test::slurpText(second), nullptr, false)["preset"], "hvs");
  std::ofstream(first) << "{ \"preset\": \"blue\" }";
  expectCleanFailure(runShell(quote(binary) + " --preset-file " + quote(first) + " --save-preset " + quote(second)),
                     "preset: unknown preset 'blue'");
}

// The mask over time: slice 3 of 8 of the golden-ratio animation dithers the left side at 1 bit (two grays),
// the mean of the last 8 frames the right side (up to 9 grays: what a user sees accumulate under TAA).
TEST_F(StudioTest, AccumulatedFramesShowMoreLevelsThanOneFrame) {
  if (!haveXvfb()) GTEST_SKIP() << "xvfb-run is not installed (apt-get install xvfb xauth): no display to test in";
  const std::string shot = dir + "/time.png";
  nlohmann::json summary;
  ASSERT_NO_FATAL_FAILURE(
      runWindowedSummary("--validate --frames 4 --size 32 --bits 1 --luma --slices 8 --slice 3 "
                         "--compare accumulated --accumulate mean:8 --split 0.5 --screenshot " +
                             quote(shot),
                         &summary));
  PngImage png;
  ASSERT_NO_FATAL_FAILURE(readScreenshot(shot, &png));
  const Rect photo = rectOf(summary["panels"], "photo");
  ASSERT_GE(photo.area(), 64 * 64);
  const SideLevels levels = grayLevelsBySide(png, photo);
  EXPECT_LE(levels.left.size(), 2u) << "one frame at 1 bit has two levels";
  EXPECT_GE(levels.right.size(), 6u) << "the mean of 8 frames should show intermediate levels";
  expectCleanFailure(runShell(quote(binary) + " --accumulate ema:2 --save-preset " + quote(dir + "/p.json")),
                     "--accumulate");
  expectCleanFailure(runShell(quote(binary) + " --slices 4 --slice 4 --save-preset " + quote(dir + "/p.json")),
                     "--slice");
}

// A stack made elsewhere, shown instead of the optimizer's mask: its slices animate the photo and accumulate.
TEST_F(StudioTest, ShowsAMaskFileWithSlices) {
  if (!haveXvfb()) GTEST_SKIP() << "xvfb-run is not installed (apt-get install xvfb xauth): no display to test in";
  Mask stack;
  stack.shape = {16, 16, 6};
  for (uint32_t k = 0; k < 6; ++k) {
    const Mask slice = randomPermutationMask(16, 16, 10 + k);
    stack.values.insert(stack.values.end(), slice.values.begin(), slice.values.end());
  }
  const std::string file = dir + "/stack.npy", shot = dir + "/stack.png";
  std::string error;
  ASSERT_TRUE(writeMask(stack, file, {}, &error)) << error;
  nlohmann::json summary;
  ASSERT_NO_FATAL_FAILURE(runWindowedSummary("--validate --frames 20 --open-mask " + quote(file) +
                                                 " --slice 2 --bits 1 --luma --compare accumulated --accumulate mean:6 "
                                                 "--screenshot " +
                                                 quote(shot),
                                             &summary));
  EXPECT_EQ(summary.value("steps", -1), 0) << "the optimizer pauses while a file is shown";
  // The convergence plot's figures: one per frame count, random slices about as good as white noise in time.
  ASSERT_TRUE(summary.contains("convergence")) << summary.dump();
  ASSERT_EQ(summary["convergence"]["mean_db"].size(), 6u);
  EXPECT_NEAR(summary["convergence"]["mean_db"][5].get<double>(), 0.0, 2.0);
  PngImage png;
  ASSERT_NO_FATAL_FAILURE(readScreenshot(shot, &png));
  const Rect photo = rectOf(summary["panels"], "photo");
  ASSERT_GE(photo.area(), 64 * 64);
  const SideLevels levels = grayLevelsBySide(png, photo);
  EXPECT_LE(levels.left.size(), 2u);
  EXPECT_GE(levels.right.size(), 5u) << "the mean of the stack's 6 slices should show intermediate levels";

  // Refused before any window, with one line: a missing file, a slice past the stack.
  expectCleanFailure(runShell(quote(binary) + " --frames 1 --open-mask " + quote(dir + "/missing.npy")), "missing.npy");
  expectCleanFailure(runShell(quote(binary) + " --frames 1 --slice 6 --open-mask " + quote(file)), "past the 6 slices");
  // A vector mask (its KTX2 declares specdither.values): its channels are no thresholds to dither with.
  Mask vectors;
  vectors.shape = {8, 8, 1, 2};
  for (size_t i = 0; i < vectors.shape.valueCount(); ++i) vectors.values.push_back(float(i % 7) / 7.0f);
  ASSERT_TRUE(writeVectorMask(vectors, VectorDomain::Square, dir + "/vec2.ktx2", 0, {}, &error)) << error;
  expectCleanFailure(runShell(quote(binary) + " --frames 1 --open-mask " + quote(dir + "/vec2.ktx2")),
                     "holds vec2 values");
}

// The studio optimizes a stack live (--stack, issue 14): the views animate its slices, the convergence plot has
// its figures beside the golden-ratio animation of its slice 0, and the export is the stack; a preset file saved
// with a stack runs in the CLI as `generate --slices`; stacks the optimizer cannot make are refused with one line.
TEST_F(StudioTest, OptimizesAStackLiveAndExportsIt) {
  if (!haveXvfb()) GTEST_SKIP() << "xvfb-run is not installed (apt-get install xvfb xauth): no display to test in";
  const std::string out = dir + "/live_stack.ktx2";
  nlohmann::json summary;
  ASSERT_NO_FATAL_FAILURE(
      runWindowedSummary("--validate --frames 30 --stack 6 --temporal ema:0.2 --size 24 --play "
                         "--compare accumulated --bits 1 --luma --export " +
                             quote(out),
                         &summary));
  EXPECT_EQ(summary.value("slices", 0), 6);
  EXPECT_EQ(summary.value("temporal", ""), "ema:0.2");
  EXPECT_GT(summary.value("steps", 0), 0);
  ASSERT_TRUE(summary.contains("convergence")) << summary.dump();
  const nlohmann::json& c = summary["convergence"];
  ASSERT_EQ(c["mean_db"].size(), 6u);
  ASSERT_EQ(c["golden_ratio"]["mean_db"].size(), 6u);
  // Frame 1 is slice 0 in both; from two frames on the stack's slices average out better than the animation's.
  EXPECT_DOUBLE_EQ(c["mean_db"][0].get<double>(), c["golden_ratio"]["mean_db"][0].get<double>());
  for (size_t k = 1; k < 6; ++k)
    EXPECT_LT(c["mean_db"][k].get<double>(), c["golden_ratio"]["mean_db"][k].get<double>() - 1.0) << k + 1;
  Mask stack;
  std::string error;
  ASSERT_TRUE(readMask(out, &stack, &error)) << error;
  ASSERT_EQ(stack.shape, (MaskShape{24, 24, 6}));
  for (uint32_t slice = 0; slice < 6; ++slice) EXPECT_TRUE(isExactPermutation(maskSlice(stack, slice))) << slice;

  const nlohmann::json saved = expectSavedPresetRunsAs("--stack 4 --temporal mean:4 --width 20 --height 12 --seed 3",
                                                       {{"passes", 20}},
                                                       "--width 20 --height 12 --slices 4 --temporal mean:4 --seed 3 "
                                                       "--passes 20");
  EXPECT_EQ(saved["slices"], 4);
  EXPECT_EQ(saved["swap"]["temporal"], "mean:4");

  const std::string preset = " --save-preset " + quote(dir + "/refused.json");
  expectCleanFailure(runShell(quote(binary) + " --stack 4 --preset wronski2020" + preset), "hvs");
  expectCleanFailure(runShell(quote(binary) + " --temporal ema:0.1" + preset), "--stack");
  expectCleanFailure(runShell(quote(binary) + " --stack 4 --temporal mean:5" + preset), "mean:5");
  expectCleanFailure(runShell(quote(binary) + " --stack 4 --slices 8" + preset), "--slices");
  expectCleanFailure(runShell(quote(binary) + " --stack 300" + preset), "--stack");
  EXPECT_FALSE(fileExists(dir + "/refused.json"));
}

// A colour stack (docs/method.md §11.6) opens like any stack: its slices animate, and the convergence plot (of its
// first channel, as the spectrum) is measured without taking the worker down.
TEST_F(StudioTest, ShowsAColourStackFile) {
  if (!haveXvfb()) GTEST_SKIP() << "xvfb-run is not installed (apt-get install xvfb xauth): no display to test in";
  Mask stack;
  stack.shape = {16, 16, 4, 3};
  for (uint32_t k = 0; k < 12; ++k) {  // slice-major, channels interleaved: a permutation per plane
    const Mask plane = randomPermutationMask(16, 16, 30 + k);
    if (stack.values.empty()) stack.values.resize(stack.shape.valueCount());
    const uint32_t slice = k / 3, channel = k % 3;
    for (size_t i = 0; i < plane.values.size(); ++i) stack.values[(slice * 256 + i) * 3 + channel] = plane.values[i];
  }
  const std::string file = dir + "/colour_stack.npy";
  std::string error;
  ASSERT_TRUE(writeMask(stack, file, {}, &error)) << error;
  const CommandResult r = runWindowed("--validate --frames 8 --open-mask " + quote(file) +
                                      " --play --compare accumulated");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_EQ(r.errors.find("failed"), std::string::npos) << r.errors;
  const nlohmann::json summary = summaryOf(r);
  ASSERT_TRUE(summary.is_object()) << r.output;
  EXPECT_EQ(summary.value("validation_errors", -1), 0);
  ASSERT_TRUE(summary.contains("convergence")) << summary.dump();
  EXPECT_EQ(summary["convergence"]["mean_db"].size(), 4u);
}

// A colour mask (three channels) dithers R, G and B with its own channels: a gray photo (--luma) comes out in
// colours, while its first channel used for all three (one scalar mask) keeps it gray; three independent
// void-and-cluster channels colour it too.
TEST_F(StudioTest, ColourMaskDithersEachChannelWithItsOwn) {
  if (!haveXvfb()) GTEST_SKIP() << "xvfb-run is not installed (apt-get install xvfb xauth): no display to test in";
  Mask rgb;
  rgb.shape = {16, 16, 1, 3};
  rgb.values.resize(rgb.shape.valueCount());
  for (uint32_t c = 0; c < 3; ++c) {
    const Mask channel = randomPermutationMask(16, 16, 20 + c);
    for (size_t i = 0; i < channel.values.size(); ++i) rgb.values[i * 3 + c] = channel.values[i];
  }
  const std::string file = dir + "/rgb.npy";
  std::string error;
  ASSERT_TRUE(writeMask(rgb, file, {}, &error)) << error;
  for (const char* compare : {"one-mask", "independent"}) {
    SCOPED_TRACE(compare);
    const std::string shot = dir + "/" + compare + ".png";
    nlohmann::json summary;
    ASSERT_NO_FATAL_FAILURE(runWindowedSummary("--validate --frames 12 --open-mask " + quote(file) +
                                                   " --bits 1 --luma --compare " + compare + " --screenshot " +
                                                   quote(shot),
                                               &summary));
    PngImage png;
    ASSERT_NO_FATAL_FAILURE(readScreenshot(shot, &png));
    const Rect photo = rectOf(summary["panels"], "photo");
    ASSERT_GE(photo.area(), 64 * 64);
    size_t colouredLeft = 0, colouredRight = 0, total = 0;
    forEachSidePixel(png, photo, [&](bool left, const Pixel& p) {
      (left ? colouredLeft : colouredRight) += p.r != p.g || p.g != p.b;
      ++total;
    });
    EXPECT_GT(colouredLeft, total / 20) << "the colour mask should colour a gray photo";
    if (std::string(compare) == "one-mask")
      EXPECT_EQ(colouredRight, 0u) << "one mask for R, G and B keeps a gray photo gray";
    else
      EXPECT_GT(colouredRight, total / 20) << "independent channels colour a gray photo too";
  }
}

// The file the studio saves is what `specdither generate --preset-file` runs: the same mask as the options that
// describe the same settings.
TEST_F(StudioTest, SavedPresetFileRunsInTheCli) {
  expectSavedPresetRunsAs("--preset hvs --width 24 --height 16 --seed 3", {{"passes", 30}, {"start_sigma", 1.25}},
                          "--width 24 --height 16 --seed 3 --passes 30 --start-sigma 1.25");
}

TEST_F(StudioTest, MissingOrCorruptPhotoIsAClearError) {
  expectCleanFailure(runShell(quote(binary) + " --frames 2 --image " + quote(dir + "/no-such-photo.png")),
                     "no-such-photo.png");
  const std::string corrupt = dir + "/corrupt.png";
  std::ofstream(corrupt) << "\x89PNG\r\n\x1a\n this is not really a PNG";
  expectCleanFailure(runShell(quote(binary) + " --frames 2 --image " + quote(corrupt)), "corrupt.png");
  expectCleanFailure(runShell(quote(binary) + " --frames 2 --image-dir " + quote(dir + "/no-such-folder")),
                     "no-such-folder");
}

TEST_F(StudioTest, UnwritableScreenshotPathIsAClearError) {
  expectCleanFailure(runShell(quote(binary) + " --frames 2 --screenshot " + quote(dir + "/missing/shot.png")),
                     "missing");
  expectCleanFailure(runShell(quote(binary) + " --frames 2 --screenshot " + quote(dir)), "folder");
}

TEST_F(StudioTest, BadSizeIsAClearError) {
  expectCleanFailure(runShell(quote(binary) + " --size 3"), "4 to 4096");
  expectCleanFailure(runShell(quote(binary) + " --width 64 --height 5000"), "4 to 4096");
}

TEST_F(StudioTest, NoDisplayIsAClearError) {
  const CommandResult r = runShell("env -u DISPLAY -u WAYLAND_DISPLAY " + quote(binary) + " --frames 2");
  expectCleanFailure(r, "no display");
}

TEST_F(StudioTest, NoVulkanDeviceIsAClearError) {
  if (!haveXvfb()) GTEST_SKIP() << "xvfb-run is not installed (apt-get install xvfb xauth)";
  // A driver list that names no driver: the loader finds no device (or no surface support).
  const CommandResult r = runWindowed("--frames 2", "VK_DRIVER_FILES=" + quote(dir + "/no-driver.json") +
                                                        " VK_ICD_FILENAMES=" + quote(dir + "/no-driver.json"));
  expectCleanFailure(r, "Vulkan");
}

}  // namespace

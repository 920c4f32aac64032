#include "options.h"
#include "temporal_view.h"

#include "specdither/temporal_filter.h"

#include <CLI/CLI.hpp>

#include <cstdio>

namespace specdither::studio {

bool parseCompareMode(const std::string& name, CompareMode* mode) {
  static const std::pair<const char*, CompareMode> names[] = {{"none", CompareMode::None},
                                                              {"source", CompareMode::Source},
                                                              {"white", CompareMode::White},
                                                              {"bayer", CompareMode::Bayer},
                                                              {"vac", CompareMode::VoidAndCluster},
                                                              {"lottes", CompareMode::Lottes},
                                                              {"accumulated", CompareMode::Accumulated},
                                                              {"one-mask", CompareMode::OneMaskForRgb},
                                                              {"independent", CompareMode::IndependentChannels}};
  for (const auto& [n, m] : names)
    if (name == n) {
      *mode = m;
      return true;
    }
  return false;
}

bool parseStudioOptions(int argc, char** argv, StudioOptions* o, int* exitCode) {
  CLI::App app{"specdither-studio: tune a blue-noise dither mask live (GLFW + Dear ImGui over the specdither core)"};
  app.set_version_flag("--version", std::string("specdither-studio ") + SPECDITHER_VERSION_STRING);
  app.add_option("--frames", o->frames, "Run N frames, then exit (with --screenshot: capture the last one)")
      ->check(CLI::Range(1u, 1000000u));
  app.add_option("--screenshot", o->screenshot, "Write the last frame's swapchain image to this PNG (needs --frames)");
  app.add_option("--export", o->exportPath,
                 "After the frames, export the mask (.png .ktx2 .h .glsl .npy; needs --frames)");
  app.add_option("--save-preset", o->savePreset,
                 "Write the settings (after --preset, --size, --preset-file) as JSON and exit");
  app.add_option("--image", o->image, "Photo to dither (PNG, e.g. kodim23.png)");
  app.add_option("--image-dir", o->imageDir, "Folder of photos (the Kodak suite); default $SPECDITHER_IMAGE_DIR");
  uint32_t size = 0;
  app.add_option("--size", size, "Mask size S x S (4..4096)");
  app.add_option("--width", o->width, "Mask width (4..4096)");
  app.add_option("--height", o->height, "Mask height (4..4096)");
  app.add_option("--preset", o->preset,
                 "hvs (void-and-cluster + swaps; 'default' also accepted), wronski2020 (the article's loss), "
                 "annealing (swaps from noise)");
  app.add_option("--seed", o->seed, "Random seed");
  app.add_option("--stack", o->stack,
                 "Optimize a spatiotemporal stack of T slices (2..256; hvs), as `specdither generate --slices T`: "
                 "the views animate its own slices")
      ->check(CLI::Range(1, 256));
  app.add_option("--temporal", o->temporal,
                 "The stack's temporal filter: ema:ALPHA (TAA, default ema:0.1), mean:K, gauss:SIGMA (needs --stack)");
  app.add_option(
         "--temporal-weight", o->temporalWeight,
         "Weight of the pairs across slices against those within one (default T / 8 within [1, 8]; needs --stack)")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--preset-file", o->presetFile,
                 "Start from a JSON preset file (saved by the studio; the CLI reads the same files)");
  app.add_option("--open-mask", o->openMask,
                 "Show this mask file (.png .ktx2 .npy; a stack too) instead of the optimizer's, which starts "
                 "paused");
  app.add_option("--steps-per-frame", o->stepsPerFrame, "Fixed steps per frame (default: fit the target frame rate)")
      ->check(CLI::Range(1u, 100000u));
  app.add_option("--target-fps", o->targetFps, "Frame rate the step budget aims for (default 30)")
      ->check(CLI::Range(1.0f, 240.0f));
  app.add_flag("--paused", o->paused, "Start paused");
  app.add_option("--tab", o->tab, "Tab shown at start: mask (the dither mask) or filter (the separable filter)")
      ->check(CLI::IsMember({"mask", "filter"}));
  app.add_option("--filter-diameter", o->filterDiameter, "Separable filter tab: disk diameter (9..101, default 50)")
      ->check(CLI::Range(9, 101));
  app.add_option("--filter-rank", o->filterRank, "Separable filter tab: rank (1..8, default 4)")
      ->check(CLI::Range(1, 8));
  app.add_option("--bits", o->bits, "Dithered photo: bits per channel (1, 2 or 3)")->check(CLI::Range(1, 3));
  app.add_flag("--luma", o->luma, "Dither luma only");
  app.add_flag("--inverted-green", o->invertedGreen,
               "Dither G with 1 - v of a single-channel mask: the colour preset's arrangement (docs/method.md §11.3)");
  app.add_flag("--tiled", o->tiled, "Show the matrix as 2x2 tiles");
  app.add_option("--compare", o->compare,
                 "Right side of the photo: none, source, white, bayer, vac, lottes, accumulated (the frames of the "
                 "animation averaged, see --slices and --accumulate), one-mask (a colour mask's first channel in "
                 "R, G and B), independent (three void-and-cluster masks, one per channel)");
  app.add_option("--slices", o->slices, "Animate the mask over N slices (golden-ratio offsets of a 2D mask; 1: still)")
      ->check(CLI::Range(1, kMaxAnimationSlices));
  app.add_option("--slice", o->slice, "The slice shown (0 .. slices - 1)")->check(CLI::NonNegativeNumber);
  app.add_flag("--play", o->play, "Play the animation");
  app.add_option("--accumulate", o->accumulate,
                 "How --compare accumulated averages the frames: ema:ALPHA (TAA, default ema:0.1) or mean:K");
  app.add_option("--split", o->split, "Share of the 1:1 view dithered with the live mask (0..1, default 0.5)")
      ->check(CLI::Range(0.0f, 1.0f));
  std::string window, resize, pan, focus;
  app.add_option("--pan", pan, "Photo pixel X,Y at the top-left of the 1:1 view");
  app.add_option("--focus", focus, "Photo pixel X,Y the zoomed inset shows (held)");
  app.add_option("--window", window, "Window size WxH (default 1280x720)");
  app.add_option("--resize-to", resize,
                 "Resize the window to WxH halfway through --frames (exercises swapchain re-creation)");
  app.add_flag("!--no-vsync", o->vsync, "Present without waiting for vertical blank (MAILBOX / IMMEDIATE)");
  app.add_flag("--validate", o->validate, "Vulkan validation layers; any validation error makes the exit code 1");
  app.add_option("--device", o->device, "Vulkan device: an index or a name substring");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    *exitCode = app.exit(e);
    return false;
  } catch (const CLI::CallForVersion& e) {
    *exitCode = app.exit(e);
    return false;
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "specdither-studio: %s (see --help)\n", e.what());
    *exitCode = 2;
    return false;
  }
  auto usage = [&](const std::string& message) {
    std::fprintf(stderr, "specdither-studio: %s (see --help)\n", message.c_str());
    *exitCode = 2;
    return false;
  };
  if (size) o->width = o->height = size;
  PresetKind kind;
  if (!parsePresetName(o->preset, &kind))
    return usage("unknown preset '" + o->preset + "' (hvs, wronski2020, annealing)");
  CompareMode mode;
  if (!parseCompareMode(o->compare, &mode)) return usage("unknown --compare '" + o->compare + "'");
  if (o->stack > 1 && kind != PresetKind::Hvs) return usage("--stack: stacks come from the hvs preset");
  if (o->stack <= 1 && (!o->temporal.empty() || o->temporalWeight >= 0))
    return usage(std::string(o->temporal.empty() ? "--temporal-weight" : "--temporal") +
                 " is for stacks: give --stack T");
  if (!o->temporal.empty()) {
    TemporalFilter filter;
    std::string problem = parseTemporalFilter(o->temporal, &filter);
    if (problem.empty()) problem = checkTemporalFilter(filter, uint32_t(o->stack));
    if (!problem.empty()) return usage("--temporal: " + problem);
  }
  if (o->stack > 1 && o->slices > 1)
    return usage("--slices animates a 2D mask; a stack (--stack) shows its own slices");
  if (o->stack > 1) o->slices = o->stack;
  // With --open-mask, a stack's own slice count decides (startup.cpp).
  if (o->openMask.empty() && o->slice >= o->slices)
    return usage("--slice must be below --slices (" + std::to_string(o->slices) + ")");
  TemporalView time;
  const std::string accumulation = parseAccumulation(o->accumulate, &time);
  if (!accumulation.empty()) return usage("--accumulate: " + accumulation);
  auto parseSize = [](const std::string& text, uint32_t* w, uint32_t* h) {
    unsigned x = 0, y = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), "%ux%u%c", &x, &y, &extra) != 2 || x < 320 || y < 240 || x > 16384 || y > 16384)
      return false;
    *w = x;
    *h = y;
    return true;
  };
  auto parsePoint = [](const std::string& text, int* p) {
    char extra = 0;
    return std::sscanf(text.c_str(), "%d,%d%c", &p[0], &p[1], &extra) == 2 && p[0] >= 0 && p[1] >= 0;
  };
  if (!pan.empty() && !parsePoint(pan, o->pan)) return usage("--pan takes X,Y, e.g. 0,120");
  if (!focus.empty() && !parsePoint(focus, o->focus)) return usage("--focus takes X,Y, e.g. 500,160");
  if (!window.empty() && !parseSize(window, &o->windowWidth, &o->windowHeight))
    return usage("--window takes WxH, e.g. 1600x900 (at least 320x240)");
  if (!resize.empty() && !parseSize(resize, &o->resizeWidth, &o->resizeHeight))
    return usage("--resize-to takes WxH, e.g. 1024x640 (at least 320x240)");
  if (!resize.empty() && o->frames < 4) return usage("--resize-to needs --frames 4 or more");
  if (!o->screenshot.empty() && o->frames == 0) return usage("--screenshot needs --frames N");
  if (!o->exportPath.empty() && o->frames == 0) return usage("--export needs --frames N");
  return true;
}

}  // namespace specdither::studio

#include "startup.h"

#include "mask_viewer.h"
#include "preset_file.h"
#include "screenshot.h"

#include "specdither/swap_optimizer.h"
#include "specdither/temporal_filter.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace specdither::studio {

bool prepareStartup(const StudioOptions& o, StartupInput* in, std::string* error) {
  if (!o.screenshot.empty() && !checkScreenshotPath(o.screenshot, error)) return false;
  *error = checkMaskShape({o.width, o.height});
  if (!error->empty()) return false;
  PresetKind kind = PresetKind::Hvs;
  parsePresetName(o.preset, &kind);
  in->settings = presetSettings(kind, o.width, o.height, o.seed, uint32_t(o.stack));
  if (!o.temporal.empty()) parseTemporalFilter(o.temporal, &in->settings.swap.temporal);  // checked by the options
  if (o.temporalWeight >= 0) in->settings.swap.temporalWeight = o.temporalWeight;
  if (!o.presetFile.empty() && !loadPresetFile(o.presetFile, in->settings, &in->settings, error)) return false;
  // A file's stack with knobs the optimizer refuses (mean:K past its slices) says so before any GPU work.
  if (usesSwapOptimizer(in->settings.preset)) *error = checkSwapParams(in->settings.shape(), in->settings.swap);
  if (!error->empty()) return false;
  *error = checkStudioStack(in->settings);
  if (!error->empty()) return false;
  if (o.stepsPerFrame) {
    in->settings.autoBudget = false;
    in->settings.stepsPerFrame = o.stepsPerFrame;
  }
  in->settings.targetFps = o.targetFps;
  if (!o.openMask.empty()) {
    if (!readViewableMask(o.openMask, &in->viewedMask, error)) return false;
    const uint32_t slices = in->viewedMask.shape.slices > 1 ? in->viewedMask.shape.slices : uint32_t(o.slices);
    if (uint32_t(o.slice) >= slices) {
      *error = "--slice " + std::to_string(o.slice) + " is past the " + std::to_string(slices) + " slices of " +
               o.openMask;
      return false;
    }
  }

  if (!o.imageDir.empty() && !std::filesystem::is_directory(o.imageDir)) {
    *error = "--image-dir " + o.imageDir + ": no such folder";
    return false;
  }
  const std::string path = startupPhotoPath(o.image, o.imageDir, &in->imageFolder);
  if (!path.empty()) return loadPhoto(path, &in->photo, error);
  if (!o.imageDir.empty()) {
    *error = "--image-dir " + o.imageDir + ": no PNG images in it";
    return false;
  }
  if (std::getenv("SPECDITHER_IMAGE_DIR"))
    std::fprintf(stderr, "specdither-studio: no PNG images in $SPECDITHER_IMAGE_DIR; showing the test chart\n");
  in->photo = testChartPhoto();
  return true;
}

}  // namespace specdither::studio

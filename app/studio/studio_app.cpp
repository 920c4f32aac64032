#include "studio_app.h"

#include "specdither/mask_io.h"
#include "preset_file.h"
#include "swap_start.h"

#include <algorithm>
#include <filesystem>

namespace specdither::studio {

namespace {

bool compareMethod(CompareMode mode, BaselineMethod* method) {
  switch (mode) {
    case CompareMode::White: *method = BaselineMethod::White; return true;
    case CompareMode::Bayer: *method = BaselineMethod::Bayer; return true;
    case CompareMode::VoidAndCluster: *method = BaselineMethod::VoidAndCluster; return true;
    case CompareMode::Lottes: *method = BaselineMethod::Lottes; return true;
    default: return false;
  }
}

void requestBaseline(Studio& s, BaselineMethod method) {
  const Studio::BaselineKey key = {int(method), s.session.settings.width, s.session.settings.height};
  if (s.baselinesRequested.count(key)) return;
  s.baselinesRequested.insert(key);
  s.jobs.requestBaseline(method, s.session.settings.shape(), 1);
}

// Shows the comparison mask the view asks for when it is ready (and nothing stale meanwhile).
void updateCompareMask(Studio& s) {
  BaselineMethod method;
  Studio::BaselineKey key = {-1, 0, 0};
  if (compareMethod(s.view.compare, &method)) key = {int(method), s.session.settings.width, s.session.settings.height};
  if (key == s.shownCompare) return;
  auto it = s.baselines.find(key);
  if (std::get<0>(key) >= 0 && it == s.baselines.end()) {
    if (s.views.hasCompare) setCompareMask(s.views, Mask());  // the old one belongs to another mode or size
    s.shownCompare = {-1, 0, 0};
    return;
  }
  setCompareMask(s.views, it == s.baselines.end() ? Mask() : it->second.mask);
  s.shownCompare = key;
}

std::string defaultExportPath(const StudioSettings& st, const char* extension) {
  return std::string("specdither-") + presetName(st.preset) + "-" + std::to_string(st.width) + "x" +
         std::to_string(st.height) + extension;
}

void afterRestart(Studio& s) {
  if (s.viewer.active) {  // a new run: show it instead of the file
    closeViewedMask(s.core, &s.viewer);
    s.viewMessage = StatusMessage();
  }
  std::string error;
  if (!resizeMaskViews(s.views, s.session.settings.width, s.session.settings.height, 1, &error))
    s.sessionMessage.set("views: " + error, true);
  s.quality.clear();
  s.lastQualityStep = UINT64_MAX;
  // Keep the export name in step with the mask unless the user typed their own.
  std::snprintf(s.exportPath, sizeof(s.exportPath), "%s",
                defaultExportPath(s.session.settings, exportFormats()[s.exportFormat].extension).c_str());
  s.exportMessage = StatusMessage();  // its "wrote ..." was about the previous mask
  requestBaselines(s);
  updateCompareMask(s);
}

}  // namespace

bool exportCurrentMask(Studio& s) {
  if (s.viewer.active) {
    s.exportMessage.set("the views show a file: go back to the optimizer's mask to export it", true);
    return false;
  }
  if (s.session.awaitingStart) {
    s.exportMessage.set("the run's start is still being prepared; export once it runs", true);
    return false;
  }
  const ExportFormat& format = exportFormats()[s.exportFormat];
  std::string path = s.exportPath;
  if (path.empty()) {
    s.exportMessage.set("enter a file name to export to", true);
    return false;
  }
  if (!sessionMaskIsGood(s.session)) {
    s.exportMessage.set("the run diverged: its mask is not a result; go back to the last good mask first", true);
    return false;
  }
  const Mask mask = readSessionMask(s.session);
  MaskExportOptions options;
  options.bits = format.bits;
  const StudioSettings& st = s.session.settings;
  options.metadata["generator"] = "specdither-studio";
  options.metadata["preset"] = presetName(st.preset);
  options.metadata["size"] = std::to_string(st.width) + "x" + std::to_string(st.height);
  options.metadata["seed"] = std::to_string(st.seed);
  options.metadata["steps"] = std::to_string(s.session.step);
  std::string error;
  if (!writeMask(mask, path, options, &error)) {
    s.exportMessage.set(error, true);
    return false;
  }
  std::error_code ec;
  const std::string absolute = std::filesystem::absolute(path, ec).string();
  s.exportMessage.set("wrote " + (ec ? path : absolute) + " (" + std::to_string(st.width) + "x" +
                          std::to_string(st.height) + ", step " + std::to_string(s.session.step) + ")",
                      false);
  return true;
}

const std::vector<ExportFormat>& exportFormats() {
  static const std::vector<ExportFormat> formats = {
      {"PNG, exact (8/16-bit)", ".png", 0},
      {"PNG, 8-bit", ".png", 8},
      {"PNG, 16-bit", ".png", 16},
      {"KTX2 (R16 / R8)", ".ktx2", 0},
      {"C/C++ header", ".h", 0},
      {"GLSL", ".glsl", 0},
      {"NumPy .npy", ".npy", 0},
  };
  return formats;
}

bool initStudio(Studio& s, const StudioSettings& settings, const Photo& photo, std::string* error) {
  s.wanted = settings;
  s.session.playing = true;
  if (!startSession(&s.session, s.core, settings, error)) return false;
  s.wanted = s.session.settings;
  createViewPasses(s.core, &s.views);
  if (!resizeMaskViews(s.views, settings.width, settings.height, 1, error)) return false;
  s.photo = photo;
  setPhoto(s.views, photo.width, photo.height, photo.rgba);
  std::snprintf(s.photoPath, sizeof(s.photoPath), "%s", photo.path.c_str());
  s.photoPan = ImVec2(0, 0);
  afterRestart(s);
  return true;
}

void shutdownStudio(Studio& s) {
  closeViewedMask(s.core, &s.viewer);
  destroyFilterTab(s);
  stopSession(s.session);
  destroyViewPasses(s.views);
}

bool switchPhoto(Studio& s, const std::string& path) {
  Photo photo;
  std::string error;
  if (path == "<test chart>") {
    photo = testChartPhoto();
  } else if (!loadPhoto(path, &photo, &error)) {
    s.photoMessage.set(error, true);
    return false;
  }
  s.photo = std::move(photo);
  setPhoto(s.views, s.photo.width, s.photo.height, s.photo.rgba);
  s.photoPan = ImVec2(0, 0);
  s.focusLocked = false;
  s.photoMessage.set(
      "showing " + s.photo.label + " (" + std::to_string(s.photo.width) + "x" + std::to_string(s.photo.height) + ")",
      false);
  return true;
}

bool openMaskFile(Studio& s, const std::string& path) {
  Mask mask;
  std::string error;
  if (!readViewableMask(path, &mask, &error)) {
    s.viewMessage.set(error, true);
    return false;
  }
  return showMask(s, mask, path);
}

bool showMask(Studio& s, const Mask& mask, const std::string& path) {
  std::string error;
  if (!resizeMaskViews(s.views, mask.shape.width, mask.shape.height, mask.shape.slices, &error)) {
    s.viewMessage.set("views: " + error, true);
    resizeMaskViews(s.views, s.session.settings.width, s.session.settings.height, 1, &error);
    return false;
  }
  showViewedMask(s.core, &s.viewer, mask, path);
  s.session.playing = false;  // the optimizer rests while its mask is not shown
  s.view.time.frame = std::min(s.view.time.frame, int(mask.shape.slices) - 1);
  std::snprintf(s.viewPath, sizeof(s.viewPath), "%s", path.c_str());
  s.viewMessage.set("showing " + path + " (" + toString(mask.shape) + "); the optimizer is paused", false);
  return true;
}

MaskSource shownMaskSource(const Studio& s) {
  return s.viewer.active ? viewedMaskSource(s.viewer) : sessionMaskSource(s.session);
}

uint64_t shownMaskVersion(const Studio& s) {
  return s.viewer.active ? (uint64_t(1) << 63) | s.viewer.version : s.session.viewVersion;
}

std::string compareStatus(const Studio& s) {
  BaselineMethod method;
  if (!compareMethod(s.view.compare, &method)) return "";
  auto it = s.baselines.find({int(method), s.session.settings.width, s.session.settings.height});
  if (it == s.baselines.end()) return "computing...";
  return it->second.mask.values.empty() ? it->second.error : "";
}

void requestBaselines(Studio& s) {
  BaselineMethod method;
  if (compareMethod(s.view.compare, &method)) requestBaseline(s, method);
  requestBaseline(s, BaselineMethod::VoidAndCluster);  // the reference for the live figures
}

void handleRequests(Studio& s) {
  for (BaselineResult& r : s.jobs.takeBaselines()) s.baselines[{int(r.method), r.width, r.height}] = std::move(r);
  if (std::optional<QualityResult> q = s.jobs.takeQuality()) {
    // The worker shares the CPU with lavapipe: keep its duty cycle at a fifth or less.
    s.qualityInterval = std::max(1.0, 4.0 * q->seconds);
    if (q->width == s.session.settings.width && q->height == s.session.settings.height &&
        (s.quality.empty() || q->step >= s.quality.back().step))
      s.quality.push_back({q->step, q->hvsDb});
  }

  if (s.applySettings) {
    s.applySettings = false;
    const bool restart = needsRestart(s.session.settings, s.wanted);
    std::string error;
    if (!updateSession(s.session, s.wanted, &error)) {
      s.sessionMessage.set(error, true);
      // The failed settings stay in the controls so they can be corrected; restart the last good ones.
      std::string again;
      StudioSettings good = s.session.settings;
      if (!s.session.spectral && !s.session.swap && !startSession(&s.session, s.core, good, &again))
        s.sessionMessage.set(error + "; " + again, true);
    } else if (restart) {
      s.sessionMessage.set(std::string("started ") + presetName(s.session.settings.preset) + " at " +
                               std::to_string(s.session.settings.width) + "x" +
                               std::to_string(s.session.settings.height),
                           false);
    }
    if (restart) afterRestart(s);
  }
  if (s.reset) {
    s.reset = false;
    std::string error;
    if (!resetSession(s.session, &error)) s.sessionMessage.set(error, true);
    afterRestart(s);
  }
  if (s.restoreLastGood) {
    s.restoreLastGood = false;
    restoreLastGoodMask(s.session);
  }
  if (s.exportMask) {
    s.exportMask = false;
    exportCurrentMask(s);
  }
  if (s.savePreset) {
    s.savePreset = false;
    std::string error;
    if (savePresetFile(s.presetPath, s.wanted, &error))
      s.presetMessage.set(std::string("saved ") + s.presetPath, false);
    else
      s.presetMessage.set(error, true);
  }
  if (s.loadPreset) {
    s.loadPreset = false;
    std::string error;
    StudioSettings loaded;
    if (loadPresetFile(s.presetPath, s.wanted, &loaded, &error)) {
      s.wanted = loaded;
      s.applySettings = true;  // next frame
      s.presetMessage.set(std::string("loaded ") + s.presetPath, false);
    } else {
      s.presetMessage.set(error, true);
    }
  }
  if (!s.loadPhotoPath.empty()) {
    const std::string path = s.loadPhotoPath;
    s.loadPhotoPath.clear();
    switchPhoto(s, path);
  }
  if (!s.openMaskPath.empty()) {
    const std::string path = s.openMaskPath;
    s.openMaskPath.clear();
    openMaskFile(s, path);
  }
  if (s.closeViewer) {
    s.closeViewer = false;
    closeViewedMask(s.core, &s.viewer);
    s.viewMessage = StatusMessage();
    std::string error;
    if (!resizeMaskViews(s.views, s.session.settings.width, s.session.settings.height, 1, &error))
      s.sessionMessage.set("views: " + error, true);
  }
  requestBaselines(s);
  updateCompareMask(s);

  // A swap run's start (seconds of CPU work): on the worker thread, or here for automated runs.
  for (const SwapStartResult& r : s.jobs.takeSwapStarts()) {
    if (r.token != s.session.token) continue;  // a run that has been replaced meanwhile
    if (r.ranks.empty())
      s.sessionMessage.set("start: " + r.error, true);
    else
      provideSwapStart(s.session, r.ranks);
  }
  if (s.session.awaitingStart && s.requestedStartToken != s.session.token) {
    s.requestedStartToken = s.session.token;
    const StudioSettings& st = s.session.settings;
    if (s.synchronousStart) {
      std::string error;
      const std::vector<uint32_t> ranks = chooseSwapStart(st.shape(), st.swap, &error);
      if (ranks.empty())
        s.sessionMessage.set("start: " + error, true);
      else
        provideSwapStart(s.session, ranks);
    } else {
      s.jobs.requestSwapStart(s.session.token, st.shape(), st.swap);
    }
  }

  // Live quality figures: about once a second while the mask changes, and once when it stops.
  const auto now = std::chrono::steady_clock::now();
  const bool due = std::chrono::duration<double>(now - s.lastQualityRequest).count() >= s.qualityInterval;
  if (s.session.step != s.lastQualityStep && (due || !s.session.playing) && !s.jobs.qualityBusy() &&
      (s.session.spectral || s.session.swap) && !s.session.awaitingStart && sessionMaskIsGood(s.session)) {
    s.jobs.requestQuality(s.session.step, {s.session.settings.shape(), readSessionRanks(s.session)});
    s.lastQualityStep = s.session.step;
    s.lastQualityRequest = now;
  }
}

}  // namespace specdither::studio

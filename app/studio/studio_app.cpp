#include "studio_app.h"

#include "specdither/mask_io.h"
#include "specdither/stack_preset.h"
#include "preset_file.h"
#include "swap_start.h"

#include <algorithm>
#include <filesystem>

namespace specdither::studio {

namespace {

// The baseline masks a comparison mode shows: one of a method, or (independent channels) three void-and-cluster
// masks of different seeds, one per colour channel.
bool compareBaselines(CompareMode mode, BaselineMethod* method, std::vector<uint64_t>* seeds) {
  *seeds = {1};
  switch (mode) {
    case CompareMode::White: *method = BaselineMethod::White; return true;
    case CompareMode::Bayer: *method = BaselineMethod::Bayer; return true;
    case CompareMode::VoidAndCluster: *method = BaselineMethod::VoidAndCluster; return true;
    case CompareMode::Lottes: *method = BaselineMethod::Lottes; return true;
    case CompareMode::IndependentChannels:
      *method = BaselineMethod::VoidAndCluster;
      *seeds = {1, 2, 3};
      return true;
    default: return false;
  }
}

// The comparison masks have the size of the mask shown.
MaskShape shownPlaneShape(const Studio& s) {
  const MaskShape& shown = s.viewer.active ? s.viewer.shape : s.session.settings.shape();
  return {shown.width, shown.height};
}

void requestBaseline(Studio& s, BaselineMethod method, const MaskShape& shape, uint64_t seed) {
  const Studio::BaselineKey key = {int(method), shape.width, shape.height, seed};
  if (s.baselinesRequested.count(key)) return;
  s.baselinesRequested.insert(key);
  s.jobs.requestBaseline(method, shape, seed);
}

// The finished baselines of the comparison shown (nullptr entries: not ready yet).
std::vector<const BaselineResult*> compareResults(const Studio& s, BaselineMethod method,
                                                  const std::vector<uint64_t>& seeds) {
  const MaskShape shape = shownPlaneShape(s);
  std::vector<const BaselineResult*> results;
  for (uint64_t seed : seeds) {
    auto it = s.baselines.find({int(method), shape.width, shape.height, seed});
    results.push_back(it == s.baselines.end() ? nullptr : &it->second);
  }
  return results;
}

// Shows the comparison mask the view asks for when it is ready (and nothing stale meanwhile).
void updateCompareMask(Studio& s) {
  BaselineMethod method;
  std::vector<uint64_t> seeds;
  const MaskShape shape = shownPlaneShape(s);
  const bool wanted = compareBaselines(s.view.compare, &method, &seeds);
  const std::tuple<int, uint32_t, uint32_t> key = {wanted ? int(s.view.compare) : -1, shape.width, shape.height};
  if (key == s.shownCompare) return;
  Mask mask;
  if (wanted) {
    const std::vector<const BaselineResult*> results = compareResults(s, method, seeds);
    if (std::count(results.begin(), results.end(), nullptr) > 0) {
      if (s.views.hasCompare) setCompareMask(s.views, Mask());  // the old one belongs to another mode or size
      s.shownCompare = {-1, 0, 0};
      return;
    }
    // One mask, or the seeds' masks interleaved as the channels of one.
    mask.shape = {shape.width, shape.height, 1, uint32_t(results.size())};
    mask.values.resize(mask.shape.valueCount());
    for (size_t c = 0; c < results.size(); ++c) {
      if (results[c]->mask.values.empty()) {  // refused (Bayer at a size that is not a power of two)
        mask = Mask();
        break;
      }
      for (size_t i = 0; i < shape.planeSize(); ++i) mask.values[i * results.size() + c] = results[c]->mask.values[i];
    }
  }
  setCompareMask(s.views, mask);
  s.shownCompare = key;
}

std::string defaultExportPath(const StudioSettings& st, const char* extension) {
  return std::string("specdither-") + presetName(st.preset) + "-" + toString(st.shape()) + extension;
}

// The views sized for the optimizer's mask.
bool resizeViewsToSession(Studio& s, std::string* error) {
  const MaskSource m = sessionMaskSource(s.session);
  return resizeMaskViews(s.views, s.session.settings.width, s.session.settings.height, m.slices, m.channels, error);
}

void afterRestart(Studio& s) {
  if (s.viewer.active) {  // a new run: show it instead of the file
    closeViewedMask(s.core, &s.viewer);
    s.viewMessage = StatusMessage();
  }
  std::string error;
  if (!resizeViewsToSession(s, &error)) s.sessionMessage.set("views: " + error, true);
  s.quality.clear();
  s.lastQualityStep = UINT64_MAX;
  s.convergence = ConvergenceResult();
  // Keep the export name in step with the mask unless the user typed their own.
  std::snprintf(s.exportPath, sizeof(s.exportPath), "%s",
                defaultExportPath(s.session.settings, exportFormats()[s.exportFormat].extension).c_str());
  s.exportMessage = StatusMessage();  // its "wrote ..." was about the previous mask
  requestBaselines(s);
  updateCompareMask(s);
}

// The convergence of what the photo animates: a file's own slices, the live stack's, or the golden-ratio
// animation of the live 2D mask (the live ones re-measured at most every 2 s while the mask changes).
void requestConvergence(Studio& s) {
  const uint64_t key = convergenceKey(s);
  // A live mask's figures stay shown until newer ones arrive (its key moves with every frame of passes); a file's
  // must be its own.
  const bool live = key != 0 && !(key >> 63);
  for (ConvergenceResult& r : s.jobs.takeConvergences())
    if (r.key == key || (live && !(r.key >> 63) && r.key >= s.convergence.key)) s.convergence = std::move(r);
  if (key == 0 || key == s.requestedConvergenceKey) return;
  const auto now = std::chrono::steady_clock::now();
  if (live && std::chrono::duration<double>(now - s.lastConvergenceRequest).count() < 2.0) return;
  if (live && (s.session.awaitingStart || !sessionMaskIsGood(s.session))) return;
  s.requestedConvergenceKey = key;
  s.lastConvergenceRequest = now;
  s.jobs.requestConvergence(key, convergenceStack(s), s.viewer.active || s.session.settings.slices > 1);
}

}  // namespace

Mask convergenceStack(Studio& s) {
  if (s.viewer.active) return s.viewer.mask;
  if (s.session.settings.slices > 1) return readSessionMask(s.session);
  return goldenRatioStack(readSessionMask(s.session), uint32_t(s.view.time.slices));
}

void measureConvergenceNow(Studio& s) {
  const uint64_t key = convergenceKey(s);
  if (key == 0 || s.convergence.key == key || (!s.viewer.active && s.session.awaitingStart)) return;
  s.convergence = measureConvergence(key, convergenceStack(s), s.viewer.active || s.session.settings.slices > 1);
}

uint64_t convergenceKey(const Studio& s) {
  if (s.viewer.active) return s.viewer.shape.slices > 1 ? (uint64_t(1) << 63) | s.viewer.version : 0;
  const uint32_t slices = s.session.settings.slices > 1 ? s.session.settings.slices : uint32_t(s.view.time.slices);
  if (slices <= 1) return 0;
  return (s.session.viewVersion << 9 | uint64_t(slices)) & ~(uint64_t(1) << 63);
}

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
  options.metadata["size"] = toString(st.shape());
  if (st.slices > 1) options.metadata["temporal"] = toString(st.swap.temporal);
  options.metadata["seed"] = std::to_string(st.seed);
  options.metadata["steps"] = std::to_string(s.session.step);
  std::string error;
  if (!writeMask(mask, path, options, &error)) {
    s.exportMessage.set(error, true);
    return false;
  }
  std::error_code ec;
  const std::string absolute = std::filesystem::absolute(path, ec).string();
  s.exportMessage.set("wrote " + (ec ? path : absolute) + " (" + toString(st.shape()) + ", step " +
                          std::to_string(s.session.step) + ")",
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
  if (!resizeViewsToSession(s, error)) return false;
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
  if (!resizeMaskViews(s.views, mask.shape.width, mask.shape.height, mask.shape.slices, mask.shape.channels, &error)) {
    s.viewMessage.set("views: " + error, true);
    resizeViewsToSession(s, &error);
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
  std::vector<uint64_t> seeds;
  if (!compareBaselines(s.view.compare, &method, &seeds)) return "";
  for (const BaselineResult* r : compareResults(s, method, seeds)) {
    if (!r) return "computing...";
    if (r->mask.values.empty()) return r->error;
  }
  return "";
}

void requestBaselines(Studio& s) {
  BaselineMethod method;
  std::vector<uint64_t> seeds;
  if (compareBaselines(s.view.compare, &method, &seeds))
    for (uint64_t seed : seeds) requestBaseline(s, method, shownPlaneShape(s), seed);
  // The reference for the live figures, at the optimizer's size.
  requestBaseline(s, BaselineMethod::VoidAndCluster, {s.session.settings.width, s.session.settings.height}, 1);
}

void handleRequests(Studio& s) {
  for (BaselineResult& r : s.jobs.takeBaselines())
    s.baselines[{int(r.method), r.width, r.height, r.seed}] = std::move(r);
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
    if (!resizeViewsToSession(s, &error)) s.sessionMessage.set("views: " + error, true);
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

  requestConvergence(s);

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

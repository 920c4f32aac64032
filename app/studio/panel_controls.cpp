// The Controls panel: transport above two tabs, Optimizer (the mask's setup, the running preset's knobs, the step
// budget) and Files & photo (export, preset files, the photo).
#include "imgui_layer.h"
#include "panels.h"
#include "specdither/swap_fields.h"
#include "specdither/swap_preset.h"
#include "swap_start.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace specdither::studio {

namespace {

// Marks the settings for the next frame: live knobs act on the next step, the others restart the optimizer.
void apply(Studio& s) { s.applySettings = true; }
// Restart-class widgets apply when the edit is finished, not on every drag frame.
void applyWhenDone(Studio& s) {
  if (ImGui::IsItemDeactivatedAfterEdit()) apply(s);
}

bool logSlider(const char* label, float* value, float lo, float hi, const char* format = "%.4g") {
  return ImGui::SliderFloat(label, value, lo, hi, format, ImGuiSliderFlags_Logarithmic | kSliderFlags);
}

void transport(Studio& s) {
  OptimizerSession& session = s.session;
  const float w = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
  if (session.finished) {
    if (ImGui::Button("Finished", ImVec2(w, 0))) {}
  } else if (ImGui::Button(session.playing ? "Pause" : "Play", ImVec2(w, 0))) {
    session.playing = !session.playing;
  }
  ImGui::SameLine();
  if (ImGui::Button("Step", ImVec2(w, 0))) {
    session.playing = false;
    session.pendingSingleSteps += 1;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Pause and run one %s", session.swap ? "pass" : "step");
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(w, 0))) s.reset = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Start again from the seed's random mask");

  char overlay[96];
  if (session.awaitingStart) {
    const StudioSettings& st = session.settings;
    std::snprintf(overlay, sizeof(overlay), "preparing the %s...", describeSwapStart(st.shape(), st.swap).c_str());
    ImGui::ProgressBar(0.0f, ImVec2(-1, 0), overlay);
  } else if (session.totalSteps) {
    std::snprintf(overlay, sizeof(overlay), "%s / %s %s", withThousands(session.step).c_str(),
                  withThousands(session.totalSteps).c_str(), session.swap ? "passes" : "steps");
    ImGui::ProgressBar(float(double(session.step) / double(session.totalSteps)), ImVec2(-1, 0), overlay);
  } else {
    std::snprintf(overlay, sizeof(overlay), "%s %s (open-ended)", withThousands(session.step).c_str(),
                  session.swap ? "passes" : "steps");
    ImGui::ProgressBar(0.0f, ImVec2(-1, 0), overlay);
  }
  drawStatus(s.sessionMessage);
}

void maskSetup(Studio& s) {
  StudioSettings& st = s.wanted;
  const char* presets[] = {"hvs (v&c + swaps)", "wronski2020 (article)", "annealing (study)"};
  int preset = int(st.preset);
  if (ImGui::Combo("Preset", &preset, presets, 3)) {
    // A preset brings its own knobs; the size and seed stay, and the slices where the preset makes stacks.
    st = presetSettings(PresetKind(preset), st.width, st.height, st.seed,
                        PresetKind(preset) == PresetKind::Hvs ? st.slices : 1);
    st.autoBudget = s.wanted.autoBudget;
    apply(s);
  }
  itemTooltip(
      "hvs: void-and-cluster, then parallel pixel-pair swaps that descend the exact multi-level HVS energy.\n"
      "wronski2020: Wronski's spectral + histogram loss by gradient descent through the FFT and a sort.\n"
      "annealing: the swaps annealed from a random permutation, as in docs/method.md §3.8.");

  static const int sizes[] = {16, 32, 64, 128, 256, 512, 1024};
  char current[32];
  std::snprintf(current, sizeof(current), "%u x %u", st.width, st.height);
  if (ImGui::BeginCombo("Size", current)) {
    for (int size : sizes) {
      char label[16];
      std::snprintf(label, sizeof(label), "%d x %d", size, size);
      if (ImGui::Selectable(label, st.width == uint32_t(size) && st.height == uint32_t(size))) {
        st.width = st.height = uint32_t(size);
        apply(s);
      }
    }
    ImGui::EndCombo();
  }
  int wh[2] = {int(st.width), int(st.height)};
  if (ImGui::InputInt2("W, H", wh)) {
    st.width = uint32_t(std::clamp(wh[0], 1, 8192));
    st.height = uint32_t(std::clamp(wh[1], 1, 8192));
  }
  applyWhenDone(s);
  itemTooltip("Any size from 4 to 4096 per axis, non-square and non-power-of-two included. Restarts.");
  if (st.preset == PresetKind::Hvs) {
    int slices = int(st.slices);
    if (ImGui::InputInt("Slices", &slices, 1, 8)) {
      // The run's length, its starts' candidates, the proposals and the temporal term's weight and levels follow the
      // shape (stack_preset.h); the other knobs stay.
      const SwapParams defaults = defaultSwapParams({st.width, st.height, uint32_t(std::clamp(slices, 1, 256))}, 1);
      st.slices = uint32_t(std::clamp(slices, 1, 256));
      st.swap.passes = defaults.passes;
      st.swap.startCandidates = defaults.startCandidates;
      st.swap.proposalsPerPixel = defaults.proposalsPerPixel;
      st.swap.temporalWeight = defaults.temporalWeight;
      st.swap.temporalLevels = defaults.temporalLevels;
      // A mean over more frames than the stack has cannot be its filter: over the whole stack then.
      if (st.swap.temporal.kind == TemporalFilterKind::Mean)
        st.swap.temporal.parameter = std::min(st.swap.temporal.parameter, double(st.slices));
    }
    applyWhenDone(s);
    itemTooltip(
        "1: a 2D mask. T > 1: a spatiotemporal stack of T slices for a renderer that uses slice frame % T each "
        "frame and accumulates frames (the temporal filter is in Energy), as `specdither generate --slices T`. "
        "The matrix and the photo animate its slices. Restarts.");
  }
  ImGui::InputScalar("Seed", ImGuiDataType_U64, &st.seed);
  applyWhenDone(s);
}

void spectralKnobs(Studio& s) {
  SpectralPresetSettings& sp = s.wanted.spectral;
  SpectralLossParams& l = sp.loss;
  if (ImGui::CollapsingHeader("Loss (live)", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (ImGui::SliderFloat("Cutoff c", &l.cutoff, 0.05f, 2.0f, "%.3f", kSliderFlags)) apply(s);
    itemTooltip(
        "The low-frequency cone w = max(c - u^2 - v^2, 0) / c in Nyquist units: zero beyond radius "
        "sqrt(c) (the line on the spectrum plot).");
    if (logSlider("Uniformity a_U", &l.weightUniformity, 1e-5f, 10.0f)) apply(s);
    if (logSlider("Histogram a_H", &l.weightHistogram, 1e-5f, 100.0f)) apply(s);
    if (logSlider("Low freq. a_B", &l.weightLowFrequency, 1e-5f, 10.0f)) apply(s);
    if (ImGui::Checkbox("Random term scaling", &l.randomTermScaling)) apply(s);
    itemTooltip("The article's stochastic loss: each term times c ~ U(0,1), drawn anew every step.");
    const char* shapes[] = {"uniform", "triangular", "gaussian"};
    int shape = int(sp.histogram);
    if (ImGui::Combo("Histogram", &shape, shapes, 3)) {
      sp.histogram = HistogramShape(shape);
      apply(s);
    }
    itemTooltip("Target distribution of the values (restarts).");
  }
  if (ImGui::CollapsingHeader("Optimizer (live)", ImGuiTreeNodeFlags_DefaultOpen)) {
    UpdateSettings& u = l.update;
    const char* rules[] = {"gradient descent", "momentum", "Adam"};
    int rule = int(u.rule);
    if (ImGui::Combo("Rule", &rule, rules, 3)) {
      u.rule = UpdateRule(rule);
      apply(s);
    }
    if (logSlider("Step size", &u.learningRate, 1e-5f, 10.0f)) apply(s);
    if (u.rule == UpdateRule::Momentum &&
        ImGui::SliderFloat("Momentum", &u.momentum, 0.0f, 0.999f, "%.3f", kSliderFlags))
      apply(s);
    if (u.rule == UpdateRule::Adam) {
      if (ImGui::SliderFloat("beta1", &u.beta1, 0.0f, 0.999f, "%.3f", kSliderFlags)) apply(s);
      if (ImGui::SliderFloat("beta2", &u.beta2, 0.9f, 0.99999f, "%.5f", kSliderFlags)) apply(s);
      if (logSlider("epsilon", &u.epsilon, 1e-12f, 1e-2f, "%.1e")) apply(s);
    }
  }
  if (ImGui::CollapsingHeader("Schedule (live)")) {
    if (ImGui::Checkbox("Run the preset's schedule", &sp.runSchedule)) apply(s);
    itemTooltip("Stop after the steps, then the histogram-only fine-tune (the article: 100,000 + 10 at 0.1).");
    int steps = int(sp.steps), tune = int(sp.finetuneSteps);
    if (ImGui::InputInt("Steps", &steps, 1000, 10000)) sp.steps = uint32_t(std::clamp(steps, 1, 100000000));
    applyWhenDone(s);
    if (ImGui::InputInt("Fine-tune steps", &tune)) sp.finetuneSteps = uint32_t(std::clamp(tune, 0, 1000000));
    applyWhenDone(s);
    if (logSlider("Fine-tune step", &sp.finetuneLearningRate, 1e-4f, 10.0f)) apply(s);
  }
}

bool doubleSlider(const char* label, double* value, double lo, double hi, const char* format = "%.3g",
                  ImGuiSliderFlags flags = 0) {
  return ImGui::SliderScalar(label, ImGuiDataType_Double, value, &lo, &hi, format, flags);
}

// The eye-model sigmas and their weights c_sigma, a row per pair (1 to 4 pairs).
void sigmaRows(Studio& s) {
  SwapParams& p = s.wanted.swap;
  for (size_t i = 0; i < p.sigmas.size(); ++i) {
    ImGui::PushID(int(i));
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.36f);
    const double lo = 0.3, hi = 4.0, wlo = 0.0, whi = 10.0;
    ImGui::SliderScalar("##sigma", ImGuiDataType_Double, &p.sigmas[i], &lo, &hi, "σ %.2f", kSliderFlags);
    applyWhenDone(s);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.62f);
    ImGui::SliderScalar("##weight", ImGuiDataType_Double, &p.sigmaWeights[i], &wlo, &whi, "c %.2f", kSliderFlags);
    applyWhenDone(s);
    ImGui::SameLine();
    if (p.sigmas.size() > 1 && ImGui::SmallButton("x")) {
      p.sigmas.erase(p.sigmas.begin() + long(i));
      p.sigmaWeights.erase(p.sigmaWeights.begin() + long(i));
      apply(s);
      ImGui::PopID();
      break;
    }
    ImGui::PopID();
  }
  if (p.sigmas.size() < 4 && ImGui::SmallButton("+ sigma")) {
    p.sigmas.push_back(2.0);
    p.sigmaWeights.push_back(1.0);
    apply(s);
  }
}

// A stack's temporal filter (temporal_filter.h): its kind and its parameter, which restart when the edit is done.
void temporalFilterRow(Studio& s, const SwapField& f) {
  TemporalFilter& filter = s.wanted.swap.*f.filter;
  const int slices = int(std::max(s.wanted.slices, 1u));
  int kind = int(filter.kind);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.3f);
  if (ImGui::Combo("##temporalKind", &kind, "EMA\0mean\0Gaussian\0")) {
    // Each kind from its usual value: TAA's alpha, a mean over the whole stack, a std of a few frames.
    const double starts[] = {0.1, double(slices), 2.0};
    filter = {TemporalFilterKind(kind), starts[kind]};
    apply(s);
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
  if (filter.kind == TemporalFilterKind::Mean) {
    int frames = int(filter.parameter);
    if (ImGui::SliderInt("##temporalFrames", &frames, 1, slices, "%d frames", kSliderFlags))
      filter.parameter = std::clamp(frames, 1, slices);
  } else if (filter.kind == TemporalFilterKind::Ema) {
    doubleSlider("##temporalAlpha", &filter.parameter, 0.01, 1.0, "alpha %.3f", ImGuiSliderFlags_Logarithmic);
    filter.parameter = std::clamp(filter.parameter, 1e-3, 1.0);
  } else {
    doubleSlider("##temporalSigma", &filter.parameter, 0.25, std::max(1.0, slices / 2.0), "std %.2f", 0);
    filter.parameter = std::clamp(filter.parameter, 0.05, 1e3);
  }
  applyWhenDone(s);
  ImGui::SameLine();
  ImGui::TextUnformatted(f.label);
}

// One row of swap_fields.h's table. Combos and checkboxes apply at once; sliders of live fields on every change,
// of restart fields and typed fields when the edit is finished.
void swapFieldControl(Studio& s, const SwapField& f) {
  SwapParams& p = s.wanted.swap;
  if (f.list) {
    ImGui::TextDisabled("%s", f.label);
    sigmaRows(s);
  } else if (f.filter) {
    temporalFilterRow(s, f);
  } else if (f.choice) {
    int value = int(f.choice->get(p));
    if (ImGui::Combo(f.label, &value, f.choice->labels.data(), int(f.choice->labels.size()))) {
      f.choice->set(p, uint32_t(value));
      apply(s);
    }
  } else if (f.flag) {
    if (ImGui::Checkbox(f.label, &(p.*f.flag))) apply(s);
  } else if (f.count && f.inputStep) {
    int value = int(p.*f.count);
    if (ImGui::InputInt(f.label, &value, f.inputStep, 10 * f.inputStep))
      p.*f.count = uint32_t(std::clamp(double(value), f.min, f.max));
    applyWhenDone(s);
  } else {
    // Dragging covers the slider's usual range; Ctrl+click may type any value the field takes (its file range),
    // clamped to it.
    bool changed = false;
    if (f.count) {
      int value = int(p.*f.count);
      changed = ImGui::SliderInt(f.label, &value, int(f.sliderMin), int(f.sliderMax),
                                 value == 0 && f.zeroText ? f.zeroText : "%d");
      if (changed) p.*f.count = uint32_t(std::clamp(double(value), f.min, f.max));
    } else {
      changed = doubleSlider(f.label, &(p.*f.real), f.sliderMin, f.sliderMax, f.format,
                             f.logarithmic ? ImGuiSliderFlags_Logarithmic : 0);
      if (changed) p.*f.real = std::clamp(p.*f.real, f.min, f.max);
    }
    if (swapGroupRestarts(f.group))
      applyWhenDone(s);
    else if (changed)
      apply(s);
  }
  if (f.tooltip) itemTooltip(f.tooltip);
}

void swapKnobs(Studio& s) {
  struct Section {
    SwapFieldGroup group;
    const char* title;
    ImGuiTreeNodeFlags flags;
  };
  static const Section sections[] = {{SwapFieldGroup::Start, "Start (restarts)", 0},
                                     {SwapFieldGroup::Energy, "Energy (restarts)", 0},
                                     {SwapFieldGroup::Proposals, "Proposals (restarts)", 0},
                                     {SwapFieldGroup::Schedule, "Schedule (live)", ImGuiTreeNodeFlags_DefaultOpen}};
  for (const Section& section : sections) {
    if (!ImGui::CollapsingHeader(section.title, section.flags)) continue;
    for (const SwapField& f : swapFields()) {
      if (f.group != section.group || !f.label) continue;
      if (f.voidAndClusterOnly && s.wanted.swap.start != SwapStart::VoidAndCluster) continue;
      if (f.stackOnly && s.wanted.slices <= 1) continue;
      swapFieldControl(s, f);
    }
  }
}

void budget(Studio& s) {
  if (!ImGui::CollapsingHeader("Step budget", ImGuiTreeNodeFlags_DefaultOpen)) return;
  StudioSettings& st = s.wanted;
  if (ImGui::Checkbox("Fit to frame rate", &st.autoBudget)) apply(s);
  itemTooltip(
      "Records as many steps per frame as fit in the target frame time, from the GPU time per step "
      "(timestamp queries) and what the rest of the frame costs.");
  if (st.autoBudget) {
    if (ImGui::SliderFloat("Target fps", &st.targetFps, 5.0f, 120.0f, "%.0f", kSliderFlags)) apply(s);
  } else {
    int steps = int(st.stepsPerFrame);
    if (ImGui::SliderInt("Steps / frame", &steps, 1, 2000, "%d", ImGuiSliderFlags_Logarithmic | kSliderFlags)) {
      st.stepsPerFrame = uint32_t(std::max(steps, 1));
      apply(s);
    }
  }
}

void exportSection(Studio& s) {
  if (!ImGui::CollapsingHeader("Export", ImGuiTreeNodeFlags_DefaultOpen)) return;
  const std::vector<ExportFormat>& formats = exportFormats();
  if (ImGui::BeginCombo("Format", formats[s.exportFormat].label)) {
    for (int i = 0; i < int(formats.size()); ++i)
      if (ImGui::Selectable(formats[i].label, i == s.exportFormat)) {
        // Keep the name, change the extension.
        std::string path = s.exportPath;
        const size_t dot = path.find_last_of('.'), slash = path.find_last_of('/');
        if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) path.resize(dot);
        path += formats[i].extension;
        std::snprintf(s.exportPath, sizeof(s.exportPath), "%s", path.c_str());
        s.exportFormat = i;
      }
    ImGui::EndCombo();
  }
  ImGui::InputText("File", s.exportPath, sizeof(s.exportPath));
  if (ImGui::Button("Export mask", ImVec2(-1, 0))) s.exportMask = true;
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The current mask, finished: values (rank + 0.5) / N, an exact permutation.");
  drawStatus(s.exportMessage);
}

void presetSection(Studio& s) {
  if (!ImGui::CollapsingHeader("Preset files", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::InputText("JSON", s.presetPath, sizeof(s.presetPath));
  const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  if (ImGui::Button("Save", ImVec2(w, 0))) s.savePreset = true;
  itemTooltip(
      "Every optimizer knob and the step budget, as JSON: the preset file format the specdither CLI reads "
      "too (specdither/preset_file.h).");
  ImGui::SameLine();
  if (ImGui::Button("Load", ImVec2(w, 0))) s.loadPreset = true;
  drawStatus(s.presetMessage);
}

void photoSection(Studio& s) {
  if (!ImGui::CollapsingHeader("Photo", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (ImGui::BeginCombo("Image", s.photo.label.c_str())) {
    if (ImGui::Selectable("test chart", s.photo.path.empty())) s.loadPhotoPath = "<test chart>";
    for (const std::string& f : s.folderImages) {
      const std::string name = f.substr(f.find_last_of('/') + 1);
      if (ImGui::Selectable(name.c_str(), f == s.photo.path)) s.loadPhotoPath = f;
    }
    ImGui::EndCombo();
  }
  if (ImGui::InputText("Path", s.photoPath, sizeof(s.photoPath), ImGuiInputTextFlags_EnterReturnsTrue))
    s.loadPhotoPath = s.photoPath;
  ImGui::SameLine();
  if (ImGui::SmallButton("Load")) s.loadPhotoPath = s.photoPath;
  ImGui::TextDisabled("or drop a PNG onto the window");
  drawStatus(s.photoMessage);
}

// A mask file in the views instead of the optimizer's (mask_viewer.h).
void viewerSection(Studio& s) {
  if (!ImGui::CollapsingHeader("Mask file", ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (ImGui::InputText("Mask", s.viewPath, sizeof(s.viewPath), ImGuiInputTextFlags_EnterReturnsTrue))
    s.openMaskPath = s.viewPath;
  ImGui::SameLine();
  if (ImGui::SmallButton("Show")) s.openMaskPath = s.viewPath;
  itemTooltip(
      "Show a mask file (.png .ktx2 .npy, a stack of slices too) in the views instead of the optimizer's "
      "mask, which pauses");
  if (s.viewer.active && ImGui::Button("Back to the optimizer", ImVec2(-1, 0))) s.closeViewer = true;
  drawStatus(s.viewMessage);
}

}  // namespace

void drawControlsPanel(Studio& s) {
  ImGui::Begin("Controls", nullptr, kPanelFlags | ImGuiWindowFlags_NoTitleBar);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(accentColor()));
  ImGui::TextUnformatted("specdither studio");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::TextDisabled("%s", SPECDITHER_VERSION_STRING);
  ImGui::TextDisabled("%s", s.device ? s.device->core->deviceName.c_str() : "");
  ImGui::Separator();
  ImGui::PushItemWidth(std::floor(ImGui::GetContentRegionAvail().x * 0.6f));
  transport(s);
  ImGui::Spacing();
  // Two tabs, so that each fits a 720-pixel-high window: what the optimizer runs, and what goes in and out.
  if (ImGui::BeginTabBar("##controls")) {
    if (ImGui::BeginTabItem("Optimizer")) {
      if (ImGui::CollapsingHeader("Mask", ImGuiTreeNodeFlags_DefaultOpen)) maskSetup(s);
      if (usesSwapOptimizer(s.wanted.preset))
        swapKnobs(s);
      else
        spectralKnobs(s);
      budget(s);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Files & photo")) {
      exportSection(s);
      presetSection(s);
      viewerSection(s);
      photoSection(s);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::PopItemWidth();
  ImGui::End();
}

}  // namespace specdither::studio

// The Controls panel: transport, the mask's setup, the running preset's knobs, the step budget, export,
// presets and the photo.
#include "imgui_layer.h"
#include "panels.h"
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
  return ImGui::SliderFloat(label, value, lo, hi, format, ImGuiSliderFlags_Logarithmic);
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
    std::snprintf(overlay, sizeof(overlay), "preparing the %s...",
                  describeSwapStart(st.shape(), st.swap).c_str());
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
    // A preset brings its own knobs; the size and seed stay.
    st = presetSettings(PresetKind(preset), st.width, st.height, st.seed);
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
  ImGui::InputScalar("Seed", ImGuiDataType_U64, &st.seed);
  applyWhenDone(s);
}

void spectralKnobs(Studio& s) {
  SpectralSettings& sp = s.wanted.spectral;
  SpectralLossParams& l = sp.loss;
  if (ImGui::CollapsingHeader("Loss (live)", ImGuiTreeNodeFlags_DefaultOpen)) {
    if (ImGui::SliderFloat("Cutoff c", &l.cutoff, 0.05f, 2.0f, "%.3f")) apply(s);
    itemTooltip("The low-frequency cone w = max(c - u^2 - v^2, 0) / c in Nyquist units: zero beyond radius "
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
    if (u.rule == UpdateRule::Momentum && ImGui::SliderFloat("Momentum", &u.momentum, 0.0f, 0.999f, "%.3f")) apply(s);
    if (u.rule == UpdateRule::Adam) {
      if (ImGui::SliderFloat("beta1", &u.beta1, 0.0f, 0.999f, "%.3f")) apply(s);
      if (ImGui::SliderFloat("beta2", &u.beta2, 0.9f, 0.99999f, "%.5f")) apply(s);
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

void swapKnobs(Studio& s) {
  SwapParams& p = s.wanted.swap;
  if (ImGui::CollapsingHeader("Start (restarts)")) {
    const char* starts[] = {"void-and-cluster", "random permutation"};
    int start = int(p.start);
    if (ImGui::Combo("Start", &start, starts, 2)) {
      p.start = SwapStart(start);
      apply(s);
    }
    if (p.start == SwapStart::VoidAndCluster) {
      doubleSlider("V&c sigma", &p.startSigma, 0.5, 3.0, "%.2f");
      applyWhenDone(s);
      int candidates = int(p.startCandidates);
      if (ImGui::SliderInt("Candidates", &candidates, 0, 64, candidates ? "%d" : "auto")) p.startCandidates = uint32_t(candidates);
      applyWhenDone(s);
      itemTooltip("Void-and-cluster masks tried (seeds seed, seed + 1, ...); the best by the energy's score starts. "
                  "auto: 2^18 / N, 1 to 32.");
      doubleSlider("Ramp quantile", &p.startRampQuantile, 0.0, 1.0, "%.2f");
      applyWhenDone(s);
      itemTooltip("Only candidates whose 2-level ramp RMSE is at most this quantile of the candidates' compete on "
                  "the score (1: all of them).");
    }
  }
  if (ImGui::CollapsingHeader("Energy (restarts)")) {
    ImGui::TextDisabled("eye-model sigmas and their weights c_sigma");
    for (size_t i = 0; i < p.sigmas.size(); ++i) {
      ImGui::PushID(int(i));
      ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.36f);
      const double lo = 0.3, hi = 4.0, wlo = 0.0, whi = 10.0;
      ImGui::SliderScalar("##sigma", ImGuiDataType_Double, &p.sigmas[i], &lo, &hi, "σ %.2f");
      applyWhenDone(s);
      ImGui::SameLine();
      ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.62f);
      ImGui::SliderScalar("##weight", ImGuiDataType_Double, &p.sigmaWeights[i], &wlo, &whi, "c %.2f");
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
    doubleSlider("Gather radius", &p.radiusInStd, 1.0, 6.0, "%.1f std");
    applyWhenDone(s);
    itemTooltip("Offsets within ceil(radius * sigma_max * sqrt 2) px enter each swap's dE.");
  }
  if (ImGui::CollapsingHeader("Proposals (restarts)")) {
    doubleSlider("Per pixel", &p.proposalsPerPixel, 0.01, 1.0, "%.3f");
    applyWhenDone(s);
    doubleSlider("Random partner", &p.randomPartner, 0.0, 1.0, "%.2f");
    applyWhenDone(s);
    doubleSlider("Rank partner", &p.rankPartner, 0.0, 1.0, "%.2f");
    applyWhenDone(s);
    int window = int(p.rankWindow), radius = int(p.neighbourRadius);
    if (ImGui::SliderInt("Rank window", &window, 1, 4096)) p.rankWindow = uint32_t(window);
    applyWhenDone(s);
    if (ImGui::SliderInt("Neighbour radius", &radius, 1, 16)) p.neighbourRadius = uint32_t(radius);
    applyWhenDone(s);
    const char* rules[] = {"disjoint pixels", "disjoint neighbourhoods"};
    int rule = int(p.conflictRule);
    if (ImGui::Combo("Conflicts", &rule, rules, 2)) {
      p.conflictRule = SwapConflictRule(rule);
      apply(s);
    }
  }
  if (ImGui::CollapsingHeader("Schedule (live)", ImGuiTreeNodeFlags_DefaultOpen)) {
    int passes = int(p.passes), interval = int(p.reweightInterval);
    if (ImGui::InputInt("Passes", &passes, 500, 5000)) p.passes = uint32_t(std::clamp(passes, 1, 100000000));
    applyWhenDone(s);
    if (doubleSlider("Start T", &p.startTemperature, 0.0, 4.0, "%.3f")) apply(s);
    itemTooltip("T = start * s * end^(pass / (cooling * passes)), s = the median |dE| of a batch; then T = 0.");
    if (doubleSlider("End ratio", &p.endRatio, 1e-6, 1.0, "%.1e", ImGuiSliderFlags_Logarithmic)) apply(s);
    if (doubleSlider("Cooling share", &p.coolingFraction, 0.0, 1.0, "%.2f")) apply(s);
    if (ImGui::InputInt("Re-weight", &interval, 100, 1000)) p.reweightInterval = uint32_t(std::max(interval, 0));
    applyWhenDone(s);
    itemTooltip("Passes between re-balancings of the level weights w = c / mse(t/N) (0: only at the start).\nTakes effect at the next multiple.");
    if (ImGui::Checkbox("Rescale T at re-weighting", &p.rescaleAtReweight)) apply(s);
    if (doubleSlider("Uniform share", &p.uniformShare, 0.0, 1.0, "%.2f")) apply(s);
    itemTooltip("Share of level-independent weights in the re-weighting: 0 minimizes the mean error in dB over "
                "the levels, 1 the mean error itself.");
  }
}

void budget(Studio& s) {
  if (!ImGui::CollapsingHeader("Step budget", ImGuiTreeNodeFlags_DefaultOpen)) return;
  StudioSettings& st = s.wanted;
  if (ImGui::Checkbox("Fit to frame rate", &st.autoBudget)) apply(s);
  itemTooltip("Records as many steps per frame as fit in the target frame time, from the GPU time per step "
             "(timestamp queries) and what the rest of the frame costs.");
  if (st.autoBudget) {
    if (ImGui::SliderFloat("Target fps", &st.targetFps, 5.0f, 120.0f, "%.0f")) apply(s);
  } else {
    int steps = int(st.stepsPerFrame);
    if (ImGui::SliderInt("Steps / frame", &steps, 1, 2000, "%d", ImGuiSliderFlags_Logarithmic)) {
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
  if (!ImGui::CollapsingHeader("Preset files")) return;
  ImGui::InputText("JSON", s.presetPath, sizeof(s.presetPath));
  const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  if (ImGui::Button("Save", ImVec2(w, 0))) s.savePreset = true;
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

}  // namespace

void drawControlsPanel(Studio& s) {
  ImGui::Begin("Controls", nullptr, kPanelFlags | ImGuiWindowFlags_NoTitleBar);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(accentColor()));
  ImGui::TextUnformatted("specdither studio");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::TextDisabled("%s", SPECDITHER_VERSION_STRING);
  ImGui::TextDisabled("%s", s.device ? s.device->deviceName.c_str() : "");
  ImGui::Separator();
  ImGui::PushItemWidth(std::floor(ImGui::GetContentRegionAvail().x * 0.6f));
  transport(s);
  ImGui::Spacing();
  if (ImGui::CollapsingHeader("Mask", ImGuiTreeNodeFlags_DefaultOpen)) maskSetup(s);
  if (usesSwapOptimizer(s.wanted.preset))
    swapKnobs(s);
  else
    spectralKnobs(s);
  budget(s);
  exportSection(s);
  presetSection(s);
  photoSection(s);
  ImGui::PopItemWidth();
  ImGui::End();
}

}  // namespace specdither::studio

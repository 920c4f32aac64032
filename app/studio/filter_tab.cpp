#include "filter_tab.h"

#include "panels.h"
#include "studio_app.h"

#include "specdither/filter/filter_svd.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace specdither::studio {

namespace {

constexpr uint32_t kBlurMaxSide = 256;  // the photo is box-downscaled to fit: the exact blur costs D^2 taps

void destroyIfSet(GpuContext* context, GpuBuffer& buffer) {
  if (buffer.buffer) destroyBuffer(context, buffer);
  buffer = GpuBuffer{};
}

void destroyBuilt(Studio& s) {
  FilterTab& f = s.filter;
  if (f.optimizer) destroyFilterOptimizer(f.optimizer);
  if (f.blur) destroyFilterBlur(f.blur);
  f.optimizer = nullptr;
  f.blur = nullptr;
  for (GpuBuffer* b : {&f.sepTarget, &f.exactTarget, &f.filterPixels, &f.sepPixels, &f.exactPixels})
    destroyIfSet(s.core, *b);
  f.recordedSteps = f.recordedExact = f.recordedSep = false;
  f.builtDiameter = f.builtRank = 0;
}

// The studio's photo as a planar RGB float image, box-downscaled to fit kBlurMaxSide.
FloatImage blurSource(const Photo& photo) {
  FloatImage image;
  if (!photo.width || !photo.height) return makeBokehTestImage(kBlurMaxSide, kBlurMaxSide * 2 / 3);
  const uint32_t k = std::max<uint32_t>(1, (std::max(photo.width, photo.height) + kBlurMaxSide - 1) / kBlurMaxSide);
  image.width = std::max<uint32_t>(1, photo.width / k);
  image.height = std::max<uint32_t>(1, photo.height / k);
  image.channels = 3;
  image.pixels.assign(image.count(), 0.0f);
  for (uint32_t y = 0; y < image.height; ++y)
    for (uint32_t x = 0; x < image.width; ++x)
      for (uint32_t c = 0; c < 3; ++c) {
        float sum = 0;
        for (uint32_t dy = 0; dy < k; ++dy)
          for (uint32_t dx = 0; dx < k; ++dx) {
            const uint32_t px = photo.rgba[size_t(y * k + dy) * photo.width + x * k + dx];
            sum += float((px >> (8 * c)) & 0xffu);
          }
        image.pixels[(size_t(c) * image.height + y) * image.width + x] = sum / (255.0f * k * k);
      }
  return image;
}

uint8_t toByte(float v) { return uint8_t(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); }

void writeImagePixels(const FloatImage& image, const GpuBuffer& pixels) {
  auto* out = static_cast<uint32_t*>(pixels.mapped);
  const size_t plane = size_t(image.width) * image.height;
  if (!out || image.count() == 0 || pixels.size < plane * 4) return;
  for (size_t i = 0; i < plane; ++i) {
    uint32_t rgb[3];
    for (uint32_t c = 0; c < 3; ++c) rgb[c] = toByte(image.pixels[std::min(c, image.channels - 1) * plane + i]);
    out[i] = rgb[0] | rgb[1] << 8 | rgb[2] << 16 | 0xff000000u;
  }
}

// F as an image: positive values gray (F / max |F|), negative ones red (brighter = more negative; even a
// tiny negative tap is plainly red).
void writeFilterPixels(FilterTab& f) {
  const SeparableFilter filter = readFilter(f.optimizer);
  const std::vector<double> values = reconstructFilter(filter);
  double peak = 1e-12;
  f.filterMin = 0;
  f.filterMax = 0;
  for (double v : values) {
    peak = std::max(peak, std::abs(v));
    f.filterMin = std::min(f.filterMin, v);
    f.filterMax = std::max(f.filterMax, v);
  }
  auto* out = static_cast<uint32_t*>(f.filterPixels.mapped);
  if (!out || f.filterPixels.size < values.size() * 4) return;
  for (size_t i = 0; i < values.size(); ++i) {
    const double v = values[i] / peak;
    uint32_t r, g, b;
    if (v < 0) {
      r = uint32_t(110 + 145 * std::min(1.0, -v * 4.0));
      g = b = 28;
    } else {
      r = g = b = toByte(float(v));
    }
    out[i] = r | g << 8 | b << 16 | 0xff000000u;
  }
}

bool build(Studio& s) {
  FilterTab& f = s.filter;
  destroyBuilt(s);
  f.error.clear();
  const uint32_t d = uint32_t(f.diameter), r = uint32_t(f.rank);
  const FilterKernel kernel = makeDiskKernel(d);
  std::string error = checkFilterShape(kernel.width, kernel.height, r);
  if (kernel.width == 0) error = "bad diameter";
  if (error.empty())
    f.optimizer = createFilterOptimizer(s.core, kernel, svdSeparableFilter(kernel, r), f.params, &error);
  if (f.optimizer) f.blur = createFilterBlur(s.core, blurSource(s.photo), kArticleGamma, &error);
  f.builtDiameter = f.diameter;
  f.builtRank = f.rank;
  f.builtPhoto = s.photo.label + ":" + std::to_string(s.photo.width) + "x" + std::to_string(s.photo.height);
  if (!f.optimizer || !f.blur) {
    f.error = error;
    return false;
  }
  const FloatImage& source = blurSourceImage(f.blur);
  f.blurWidth = source.width;
  f.blurHeight = source.height;
  f.sepTarget = createBlurTarget(s.core, f.blur);
  f.exactTarget = createBlurTarget(s.core, f.blur);
  const VkDeviceSize imageBytes = VkDeviceSize(f.blurWidth) * f.blurHeight * 4;
  f.sepPixels = createBuffer(s.core, imageBytes, MemoryKind::HostVisible);
  f.exactPixels = createBuffer(s.core, imageBytes, MemoryKind::HostVisible);
  f.filterPixels = createBuffer(s.core, VkDeviceSize(d) * d * 4, MemoryKind::HostVisible);
  std::memset(f.sepPixels.mapped, 0, imageBytes);
  std::memset(f.exactPixels.mapped, 0, imageBytes);
  writeFilterPixels(f);
  for (auto& h : f.history) h.clear();
  f.loss = FilterLossTerms{};
  f.steps = 0;
  f.exactDue = f.sepDue = true;
  f.filterDue = false;
  return true;
}

}  // namespace

void prepareFilterTab(Studio& s) {
  FilterTab& f = s.filter;
  const auto now = std::chrono::steady_clock::now();
  // Last frame's results (its fence has passed).
  if (f.optimizer && f.recordedSteps) {
    f.loss = lastFilterLoss(f.optimizer);
    f.steps = filterStepCount(f.optimizer);
    const double terms[4] = {f.loss.l2, f.loss.nonneg, f.loss.zeros, f.loss.total};
    for (int i = 0; i < 4; ++i) {
      f.history[i].push_back(float(std::log10(std::max(terms[i], 1e-12))));
      if (f.history[i].size() > 600) f.history[i].erase(f.history[i].begin());
    }
  }
  if (f.blur && f.recordedExact) writeImagePixels(readBlurTarget(s.core, f.blur, f.exactTarget), f.exactPixels);
  if (f.blur && f.recordedSep) writeImagePixels(readBlurTarget(s.core, f.blur, f.sepTarget), f.sepPixels);
  const bool stepped = f.recordedSteps;
  // Step budget: grow while frames take under 1/30 s, shrink when they take over 1/20 s.
  const double frameSeconds = std::chrono::duration<double>(now - f.lastPrepare).count();
  f.lastPrepare = now;
  if (!f.autoSteps)
    f.budget = f.stepsPerFrame;
  else if (stepped && f.playing && frameSeconds > 0.05)
    f.budget = std::max(1, f.budget * 3 / 4);
  else if (stepped && f.playing && frameSeconds < 1.0 / 30)
    f.budget = f.budget + 1 + f.budget / 8;
  f.budget = std::clamp(f.budget, 1, f.stepsPerFrame);
  f.recordedSteps = f.recordedExact = f.recordedSep = false;
  if (!f.active) return;

  const std::string photoKey = s.photo.label + ":" + std::to_string(s.photo.width) + "x" +
                               std::to_string(s.photo.height);
  if (f.builtDiameter != f.diameter || f.builtRank != f.rank || f.builtPhoto != photoKey) {
    build(s);
    f.lastSep = f.lastFilterRead = now;
  }
  if (!f.optimizer) return;
  setFilterOptimizerParams(f.optimizer, f.params);
  if (stepped && std::chrono::duration<double>(now - f.lastFilterRead).count() >= 0.25) {
    writeFilterPixels(f);
    f.lastFilterRead = now;
  }
  if (f.filterDue) {
    writeFilterPixels(f);
    f.filterDue = false;
  }
  if (stepped && std::chrono::duration<double>(now - f.lastSep).count() >= 0.5) f.sepDue = true;
}

void recordFilterTab(VkCommandBuffer cmd, Studio& s) {
  FilterTab& f = s.filter;
  if (!f.active || !f.optimizer || !f.blur) return;
  if (f.reset) {
    recordFilterReset(cmd, f.optimizer);
    recordComputeBarrier(cmd);
    f.reset = false;
    f.sepDue = f.filterDue = true;
    for (auto& h : f.history) h.clear();
  }
  const uint32_t rank = uint32_t(f.builtRank), d = uint32_t(f.builtDiameter);
  const float scale = float(filterExportScale(filterTarget(f.optimizer)));
  recordFilterSteps(cmd, f.optimizer, f.playing ? uint32_t(f.budget) : 0u);
  f.recordedSteps = true;
  recordComputeBarrier(cmd);
  if (f.exactDue) {
    recordExactBlur(cmd, f.blur, filterTargetBuffer(f.optimizer), d, d, scale, f.exactTarget);
    f.exactDue = false;
    f.recordedExact = true;
  }
  if (f.sepDue) {
    recordSeparableBlur(cmd, f.blur, filterParamsBuffer(f.optimizer), rank, d, d, scale, f.sepTarget);
    f.sepDue = false;
    f.recordedSep = true;
    f.lastSep = std::chrono::steady_clock::now();
  }
  recordComputeBarrier(cmd);
}

void destroyFilterTab(Studio& s) { destroyBuilt(s); }

void drawFilterTab(Studio& s, float top) {
  FilterTab& f = s.filter;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float controlsW = std::clamp(display.x * 0.235f, 270.0f, 380.0f);
  ImGui::SetNextWindowPos(ImVec2(0, top), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(controlsW, display.y - top), ImGuiCond_Always);
  ImGui::Begin("Filter controls", nullptr, kPanelFlags);
  ImGui::TextDisabled("Disk kernel, rank-R separable model");
  ImGui::SliderInt("Diameter", &f.diameter, 9, 101, "%d", kSliderFlags);
  itemTooltip("Diameter of the target disk in taps; a change restarts from the SVD");
  ImGui::SliderInt("Rank", &f.rank, 1, 8, "%d", kSliderFlags);
  itemTooltip("Number of separable terms a_r b_r^T; a change restarts from the SVD");
  ImGui::Separator();
  ImGui::SliderFloat("w_l2", &f.params.weights.l2, 0.0f, 2.0f, "%.3f", kSliderFlags);
  itemTooltip("Weight of the L2 error against the disk");
  ImGui::SliderFloat("w_nonneg", &f.params.weights.nonneg, 0.0f, 2.0f, "%.3f", kSliderFlags);
  itemTooltip("Weight of the penalty on negative values of F (ringing)");
  ImGui::SliderFloat("w_zeros", &f.params.weights.zeros, 0.0f, 2.0f, "%.3f", kSliderFlags);
  itemTooltip("Weight of the penalty on F outside the disk (the corners)");
  ImGui::SliderFloat("lr", &f.params.update.learningRate, 0.001f, 1.0f, "%.3f",
                     ImGuiSliderFlags_Logarithmic | kSliderFlags);
  itemTooltip("Gradient descent step size");
  ImGui::SliderInt("Max steps", &f.stepsPerFrame, 1, 500, "%d", kSliderFlags);
  ImGui::Checkbox("Fit steps to 30 fps", &f.autoSteps);
  itemTooltip("Record fewer steps per frame while frames take longer than 1/30 s (the slider is the maximum)");
  ImGui::Separator();
  if (ImGui::Button(f.playing ? "Pause" : "Play", ImVec2(80, 0))) f.playing = !f.playing;
  ImGui::SameLine();
  if (ImGui::Button("Reset", ImVec2(80, 0))) f.reset = true;
  itemTooltip("Back to the truncated SVD of the disk");
  if (!f.error.empty()) drawStatus(StatusMessage{f.error, true});
  ImGui::Text("Steps %s  (%d per frame)", withThousands(f.steps).c_str(), f.playing ? f.budget : 0);
  ImGui::Text("L2      %.6g", f.loss.l2);
  ImGui::Text("nonneg  %.6g", f.loss.nonneg);
  ImGui::Text("zeros   %.6g", f.loss.zeros);
  ImGui::Text("total   %.6g", f.loss.total);
  ImGui::Text("F range [%.4g, %.4g]", f.filterMin, f.filterMax);
  static const float kNone = 0;
  static const char* const names[4] = {"log10 L2", "log10 nonneg", "log10 zeros", "log10 total"};
  for (int i = 0; i < 4; ++i) {
    const std::vector<float>& h = f.history[i];
    ImGui::PlotLines(names[i], h.empty() ? &kNone : h.data(), int(h.size()), 0, nullptr, FLT_MAX, FLT_MAX,
                     ImVec2(std::max(60.0f, ImGui::GetContentRegionAvail().x - 100), 44));
  }
  ImGui::End();

  ImGui::SetNextWindowPos(ImVec2(controlsW, top), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(display.x - controlsW, display.y - top), ImGuiCond_Always);
  ImGui::Begin("Separable filter views", nullptr, kPanelFlags);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 label = IM_COL32(220, 220, 220, 255);
  // Left: the filter (square); right: the two blurs stacked.
  const float gap = 12;
  float filterSide = std::floor(std::min(avail.x * 0.4f, avail.y - line));
  if (f.builtDiameter > 0 && filterSide >= f.builtDiameter)  // an integer zoom: equal-sized taps
    filterSide = float(f.builtDiameter) * std::floor(filterSide / float(f.builtDiameter));
  if (f.optimizer && filterSide > 8) {
    dl->AddText(origin, label, "F = sum a_r b_r^T  (red: negative)");
    const ImVec2 p0(origin.x, origin.y + line), p1(p0.x + filterSide, p0.y + filterSide);
    const uint32_t d = uint32_t(f.builtDiameter);
    addViewImage(*s.display, ViewPixels{f.filterPixels.buffer, d, d}, p0, p1);
    s.rects.filter = ImVec4(p0.x, p0.y, p1.x, p1.y);
  }
  if (f.blur && f.blurWidth && f.blurHeight) {
    const float x0 = origin.x + filterSide + gap, w = avail.x - filterSide - gap;
    const float h = (avail.y - 2 * line - gap) / 2;
    const float zoom = std::min(w / f.blurWidth, h / f.blurHeight);
    if (zoom > 0) {
      const ImVec2 size(std::floor(f.blurWidth * zoom), std::floor(f.blurHeight * zoom));
      char text[96];
      std::snprintf(text, sizeof(text), "Separable blur (rank %d, %d taps/pixel)", f.builtRank,
                    2 * f.builtRank * f.builtDiameter);
      dl->AddText(ImVec2(x0, origin.y), label, text);
      ImVec2 p0(x0, origin.y + line);
      addViewImage(*s.display, ViewPixels{f.sepPixels.buffer, f.blurWidth, f.blurHeight}, p0,
                   ImVec2(p0.x + size.x, p0.y + size.y));
      s.rects.separable = ImVec4(p0.x, p0.y, p0.x + size.x, p0.y + size.y);
      const float y1 = p0.y + size.y + gap;
      std::snprintf(text, sizeof(text), "Exact 2D blur (%d taps/pixel)", f.builtDiameter * f.builtDiameter);
      dl->AddText(ImVec2(x0, y1), label, text);
      p0 = ImVec2(x0, y1 + line);
      addViewImage(*s.display, ViewPixels{f.exactPixels.buffer, f.blurWidth, f.blurHeight}, p0,
                   ImVec2(p0.x + size.x, p0.y + size.y));
      s.rects.exact = ImVec4(p0.x, p0.y, p0.x + size.x, p0.y + size.y);
    }
  }
  ImGui::End();
}

}  // namespace specdither::studio

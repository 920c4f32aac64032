// The three views: the live matrix, its spectrum with the radially averaged power, and the dithered photo.
// Their pixels come from the view passes (view_passes.h) and are drawn by the display pipeline.
#include "panels.h"
#include "plot.h"
#include "temporal_view.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace specdither::studio {

namespace {

// Integer magnification when the image fits at least once (crisp, equal-sized pixels), else the largest
// fractional fit.
float fitZoom(float areaW, float areaH, float imageW, float imageH) {
  const float zoom = std::min(areaW / imageW, areaH / imageH);
  return zoom >= 1.0f ? std::floor(zoom) : std::max(zoom, 1e-3f);
}

ImVec2 floorVec(ImVec2 v) { return ImVec2(std::floor(v.x), std::floor(v.y)); }

void recordRect(ImVec4* rect, ImVec2 p0, ImVec2 p1) { *rect = ImVec4(p0.x, p0.y, p1.x, p1.y); }

// Text with a dark box behind it, for labels over images.
void overlayText(ImDrawList* dl, ImVec2 pos, ImU32 color, const char* text) {
  const ImVec2 size = ImGui::CalcTextSize(text);
  dl->AddRectFilled(ImVec2(pos.x - 3, pos.y - 1), ImVec2(pos.x + size.x + 3, pos.y + size.y + 1),
                    IM_COL32(10, 10, 12, 200), 2.0f);
  dl->AddText(pos, color, text);
}

// The mask over time: how many slices the animation has (a stack's own: stackSlices > 1), the slice shown (a
// scrubber), play.
void drawTimeControls(TemporalView& t, int stackSlices) {
  if (stackSlices > 1) {
    t.slices = stackSlices;
    ImGui::Text("%d slices", stackSlices);
  } else {
    ImGui::SetNextItemWidth(70);
    ImGui::DragInt("Slices", &t.slices, 0.2f, 1, kMaxAnimationSlices, "%d", kSliderFlags);
    itemTooltip(
        "Frames of the animation: slice s of a 2D mask is frac(v + s * 0.618) (the golden-ratio animation engines "
        "use); 1 = a still mask. The photo's Compare > accumulated frames averages them");
  }
  t.frame = std::clamp(t.frame, 0, t.slices - 1);
  if (t.slices <= 1) return;
  ImGui::SameLine();
  ImGui::Checkbox("Play", &t.play);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::max(60.0f, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("Slice").x - 12));
  ImGui::SliderInt("Slice", &t.frame, 0, t.slices - 1, "%d", kSliderFlags);
  itemTooltip("The slice shown (frame % slices); Play advances one per frame at the playback speed");
}

// How the accumulated side averages the frames: an EMA (TAA) or a plain mean of the last k frames.
void drawAccumulationControls(TemporalView& t) {
  ImGui::SameLine(0, 16);
  int mode = int(t.accumulate);
  ImGui::SetNextItemWidth(70);
  if (ImGui::Combo("##accumulate", &mode, "EMA\0mean\0")) t.accumulate = AccumulateMode(mode);
  itemTooltip("EMA: y = alpha x + (1 - alpha) y, as TAA does; mean: the plain mean of the last k frames");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90);
  if (t.accumulate == AccumulateMode::Ema)
    ImGui::SliderFloat("alpha", &t.emaAlpha, 0.02f, 1.0f, "%.2f", kSliderFlags);
  else
    ImGui::SliderInt("frames", &t.meanFrames, 1, std::max(t.slices, 1) * 4, "%d", kSliderFlags);
  if (t.slices <= 1) {
    ImGui::SameLine();
    ImGui::TextDisabled("(a still mask: give the matrix Slices > 1)");
  }
}

}  // namespace

void drawMatrixPanel(Studio& s) {
  const uint32_t w = s.views.width, h = s.views.height;
  char title[640];
  if (s.viewer.active)
    std::snprintf(title, sizeof(title), "Matrix  %s  (file %s)###Matrix", toString(s.viewer.shape).c_str(),
                  s.viewer.path.c_str());
  else
    std::snprintf(title, sizeof(title), "Matrix  %s###Matrix", toString(s.session.settings.shape()).c_str());
  ImGui::Begin(title, nullptr, kPanelFlags);
  ImGui::Checkbox("2x2", &s.view.tiled);
  itemTooltip("Repeat the mask 2x2 to check that it tiles without seams");
  ImGui::SameLine(0, 12);
  ImGui::Checkbox("Level", &s.view.showThreshold);
  itemTooltip("Show the binary pattern a flat gray turns on: white where the mask is below the level");
  if (s.view.showThreshold) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(60.0f, ImGui::GetContentRegionAvail().x - 70));
    ImGui::SliderFloat("##level", &s.view.threshold, 0.005f, 0.995f, "%.3f", kSliderFlags);
  }
  drawTimeControls(s.view.time, s.viewer.active ? int(s.viewer.shape.slices) : int(s.session.settings.slices));
  const float tiles = s.view.tiled ? 2.0f : 1.0f;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float zoom = fitZoom(avail.x, avail.y, tiles * w, tiles * h);
  ImGui::SameLine();
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("100%").x);
  if (zoom >= 1)
    ImGui::TextDisabled("%gx", zoom);
  else
    ImGui::TextDisabled("%.0f%%", zoom * 100);

  const ImVec2 size(std::floor(tiles * w * zoom), std::floor(tiles * h * zoom));
  ImVec2 cursor = ImGui::GetCursorScreenPos();
  cursor.x += std::floor((avail.x - size.x) * 0.5f);
  const ImVec2 p0 = floorVec(cursor), p1(p0.x + size.x, p0.y + size.y);
  ImGui::SetCursorScreenPos(p0);
  addViewImage(*s.display, maskPixels(s.views), p0, p1, ImVec2(0, 0), ImVec2(tiles, tiles));
  ImGui::InvisibleButton("matrix", ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)));
  if (ImGui::IsItemHovered() && w && h) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const int x = int((m.x - p0.x) / zoom) % int(w), y = int((m.y - p0.y) / zoom) % int(h);
    ImGui::SetTooltip("pixel (%d, %d)", x, y);
  }
  recordRect(&s.rects.matrix, p0, p1);
  ImGui::End();
}

void drawSpectrumPanel(Studio& s) {
  const uint32_t w = s.views.width, h = s.views.height;
  ImGui::Begin("Spectrum###Spectrum", nullptr, kPanelFlags);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  ImGui::DragFloatRange2("dB", &s.view.spectrumDbMin, &s.view.spectrumDbMax, 0.25f, -80.0f, 40.0f, "%.0f", "%.0f",
                         kSliderFlags);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Periodogram |DFT|^2 / (N var) in dB (white noise = 0 dB), centred, DC hidden");
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float plotH = std::clamp(avail.y * 0.36f, 80.0f, 160.0f);
  const float areaH = avail.y - plotH - ImGui::GetStyle().ItemSpacing.y;
  // Fractional fit: unlike the matrix, the spectrum is not read pixel by pixel, and an integer zoom would leave
  // 128x128 at 1x in a 190-pixel box.
  const float zoom = std::max(1e-3f, std::min(avail.x / w, areaH / h));
  const ImVec2 size(std::floor(w * zoom), std::floor(h * zoom));
  ImVec2 cursor = ImGui::GetCursorScreenPos();
  cursor.x += std::floor((avail.x - size.x) * 0.5f);
  const ImVec2 p0 = floorVec(cursor), p1(p0.x + size.x, p0.y + size.y);
  ImGui::SetCursorScreenPos(p0);
  addViewImage(*s.display, spectrumPixels(s.views), p0, p1);
  ImGui::InvisibleButton("spectrum", ImVec2(std::max(size.x, 1.0f), std::max(std::min(size.y, areaH), 1.0f)));
  const bool hovered = ImGui::IsItemHovered();
  recordRect(&s.rects.spectrum, p0, p1);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 centre(p0.x + (w / 2 + 0.5f) * zoom, p0.y + (h / 2 + 0.5f) * zoom);
  std::vector<PlotMarker> markers;
  if (s.session.spectral) {
    // The cone's edge: u^2 + v^2 = c in Nyquist units, an ellipse of radii sqrt(c) W/2, sqrt(c) H/2 pixels.
    const float c = s.session.settings.spectral.loss.cutoff;
    const float rx = std::sqrt(c) * w / 2 * zoom, ry = std::sqrt(c) * h / 2 * zoom;
    ImVec2 points[96];
    for (int i = 0; i < 96; ++i) {
      const float a = float(i) / 96 * 6.2831853f;
      points[i] = ImVec2(centre.x + rx * std::cos(a), centre.y + ry * std::sin(a));
    }
    dl->PushClipRect(p0, p1, true);
    dl->AddPolyline(points, 96, IM_COL32(120, 200, 255, 170), ImDrawFlags_Closed, 1.5f);
    dl->PopClipRect();
    markers.push_back({0.5f * std::sqrt(c), "cutoff", IM_COL32(120, 200, 255, 200)});
  }
  if (hovered && w && h) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    const int kx = int(std::floor((m.x - p0.x) / zoom)) - int(w / 2),
              ky = int(std::floor((m.y - p0.y) / zoom)) - int(h / 2);
    const float fx = float(kx) / w, fy = float(ky) / h;
    ImGui::SetTooltip("k = (%d, %d)\nf = (%.3f, %.3f) cycles/px\n|f| = %.3f", kx, ky, fx, fy,
                      std::sqrt(fx * fx + fy * fy));
  }

  // Radially averaged power spectrum, rings i = round(|f| min(W, H)).
  PlotSeries radial;
  radial.label = "radial power";
  const uint32_t side = std::min(w, h);
  for (size_t i = 1; i < s.views.radialPower.size(); ++i) {
    radial.x.push_back(float(i) / side);
    radial.y.push_back(s.views.radialPower[i]);
  }
  PlotOptions options;
  options.logY = true;
  options.xLabel = "cycles / pixel";
  options.markers = markers;
  options.referenceY = {1.0f};
  options.legendLeft = true;  // blue noise rises to the right
  drawPlot("radial", ImVec2(-1, plotH), {radial}, options);
  ImGui::End();
}

void drawPhotoPanel(Studio& s) {
  char title[160];
  std::snprintf(title, sizeof(title), "Dithered photo  %s  %u x %u###Photo", s.photo.label.c_str(), s.views.photoWidth,
                s.views.photoHeight);
  ImGui::Begin(title, nullptr, kPanelFlags);
  ViewSettings& v = s.view;
  ImGui::TextUnformatted("Bits");
  for (int bits = 1; bits <= 3; ++bits) {
    ImGui::SameLine();
    char label[8];
    std::snprintf(label, sizeof(label), "%d##bits", bits);
    if (ImGui::RadioButton(label, v.bits == bits)) v.bits = bits;
  }
  ImGui::SameLine(0, 16);
  ImGui::Checkbox("Luma", &v.luma);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Dither Rec. 709 luma only (gray) instead of R, G and B");
  ImGui::SameLine(0, 16);
  ImGui::Checkbox("Inverted green", &v.invertedGreen);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "A single-channel mask dithers G with 1 - v: the colour preset's arrangement (R = v, G = 1 - v, "
        "B = v), whose luma errors cancel; compare with \"one mask for R, G, B\"");
  ImGui::SameLine(0, 16);
  ImGui::SetNextItemWidth(150);
  if (ImGui::BeginCombo("Compare", compareModeName(v.compare))) {
    for (int m = 0; m < int(CompareMode::Count); ++m)
      if (ImGui::Selectable(compareModeName(CompareMode(m)), int(v.compare) == m)) v.compare = CompareMode(m);
    ImGui::EndCombo();
  }
  if (v.compare != CompareMode::None) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110);
    ImGui::SliderFloat("Split", &v.split, 0.0f, 1.0f, "%.2f", kSliderFlags);
  }
  if (v.compare == CompareMode::Accumulated) drawAccumulationControls(v.time);
  ImGui::SameLine(0, 16);
  ImGui::SetNextItemWidth(70);
  const int zooms[] = {2, 4, 8, 16};
  char zoomLabel[8];
  std::snprintf(zoomLabel, sizeof(zoomLabel), "%dx", v.zoom);
  if (ImGui::BeginCombo("Zoom", zoomLabel)) {
    for (int z : zooms) {
      std::snprintf(zoomLabel, sizeof(zoomLabel), "%dx", z);
      if (ImGui::Selectable(zoomLabel, v.zoom == z)) v.zoom = z;
    }
    ImGui::EndCombo();
  }

  const float pw = float(s.views.photoWidth), ph = float(s.views.photoHeight);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float inset = std::floor(std::min(avail.y, avail.x * 0.42f));
  const float viewW = std::min(std::floor(avail.x - inset - spacing), pw), viewH = std::min(std::floor(avail.y), ph);
  if (pw <= 0 || viewW <= 0 || viewH <= 0) {
    ImGui::End();
    return;
  }
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 p0 = floorVec(ImGui::GetCursorScreenPos()), p1(p0.x + viewW, p0.y + viewH);

  // 1:1 view: drag to pan, hover to aim the zoomed inset, click to hold its position.
  ImGui::InvisibleButton("photo", ImVec2(viewW, viewH));
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    s.photoPan.x -= io.MouseDelta.x;
    s.photoPan.y -= io.MouseDelta.y;
  } else if (ImGui::IsItemDeactivated()) {
    const ImVec2 drag = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 2.0f);  // zero: a click, not a drag
    if (drag.x == 0 && drag.y == 0) s.focusLocked = !s.focusLocked;
  }
  s.photoPan.x = std::clamp(std::floor(s.photoPan.x), 0.0f, pw - viewW);
  s.photoPan.y = std::clamp(std::floor(s.photoPan.y), 0.0f, ph - viewH);
  if (ImGui::IsItemHovered() && !s.focusLocked)
    s.focus = ImVec2(s.photoPan.x + io.MousePos.x - p0.x, s.photoPan.y + io.MousePos.y - p0.y);
  if (s.focus.x < 0) s.focus = ImVec2(pw * 0.5f, ph * 0.5f);
  const ImVec2 uv0(s.photoPan.x / pw, s.photoPan.y / ph);
  const ImVec2 uv1((s.photoPan.x + viewW) / pw, (s.photoPan.y + viewH) / ph);
  addViewImage(*s.display, photoPixels(s.views), p0, p1, uv0, uv1);
  recordRect(&s.rects.photo, p0, p1);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(p0, p1, true);
  const bool split = v.compare != CompareMode::None;
  const std::string status = compareStatus(s);
  // The split sits at a share of the visible crop, so it stays on screen while panning.
  v.splitColumn = int(s.photoPan.x + std::round(v.split * viewW));
  if (split) {
    const float x = p0.x + float(v.splitColumn) - s.photoPan.x;
    dl->AddLine(ImVec2(x, p0.y), ImVec2(x, p1.y), IM_COL32(245, 158, 64, 230), 1.0f);
    const bool accumulated = v.compare == CompareMode::Accumulated;
    overlayText(dl, ImVec2(std::max(p0.x, x - 118), p0.y + 5), IM_COL32(255, 255, 255, 255),
                accumulated       ? "this frame"
                : s.viewer.active ? "this file"
                                  : "specdither (live)");
    char right[160];
    if (accumulated)
      std::snprintf(right, sizeof(right), "%s, %s", compareModeName(v.compare), accumulationLabel(v.time).c_str());
    else
      std::snprintf(right, sizeof(right), "%s%s%s", compareModeName(v.compare), status.empty() ? "" : ": ",
                    status.c_str());
    overlayText(dl, ImVec2(x + 6, p0.y + 5), IM_COL32(255, 255, 255, 255), right);
  }
  // Where the inset looks.
  const float region = inset / float(v.zoom);
  ImVec2 f0(std::clamp(std::floor(s.focus.x - region / 2), 0.0f, std::max(pw - region, 0.0f)),
            std::clamp(std::floor(s.focus.y - region / 2), 0.0f, std::max(ph - region, 0.0f)));
  // The dither pass covers what is on screen: the 1:1 crop and the inset's region.
  v.visible[0] = int(std::min(s.photoPan.x, f0.x));
  v.visible[1] = int(std::min(s.photoPan.y, f0.y));
  v.visible[2] = int(std::ceil(std::max(s.photoPan.x + viewW, f0.x + region)));
  v.visible[3] = int(std::ceil(std::max(s.photoPan.y + viewH, f0.y + region)));
  dl->AddRect(ImVec2(p0.x + f0.x - s.photoPan.x, p0.y + f0.y - s.photoPan.y),
              ImVec2(p0.x + f0.x + region - s.photoPan.x, p0.y + f0.y + region - s.photoPan.y),
              s.focusLocked ? IM_COL32(245, 158, 64, 255) : IM_COL32(255, 255, 255, 160));
  dl->PopClipRect();

  // Zoomed inset, nearest neighbour: the dither dots one by one.
  ImGui::SameLine(0, spacing);
  const ImVec2 q0 = floorVec(ImGui::GetCursorScreenPos()), q1(q0.x + inset, q0.y + inset);
  addViewImage(*s.display, photoPixels(s.views), q0, q1, ImVec2(f0.x / pw, f0.y / ph),
               ImVec2((f0.x + region) / pw, (f0.y + region) / ph));
  ImGui::Dummy(ImVec2(inset, inset));
  char label[64];
  std::snprintf(label, sizeof(label), "%dx at (%d, %d)%s", v.zoom, int(f0.x + region / 2), int(f0.y + region / 2),
                s.focusLocked ? "  held" : "");
  overlayText(ImGui::GetWindowDrawList(), ImVec2(q0.x + 5, q0.y + 5), IM_COL32(255, 255, 255, 255), label);
  ImGui::End();
}

}  // namespace specdither::studio

#include "plot.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace specdither::studio {

namespace {

float mapY(float y, bool logY) { return logY ? std::log10(std::max(y, 1e-30f)) : y; }

// "1e-3"-style labels for log axes, plain numbers otherwise.
void formatTick(char* buf, size_t n, float v, bool logY) {
  if (logY)
    std::snprintf(buf, n, "1e%d", int(std::lround(v)));
  else
    std::snprintf(buf, n, "%.3g", v);
}

}  // namespace

void drawPlot(const char* id, ImVec2 size, const std::vector<PlotSeries>& series, const PlotOptions& o) {
  ImGui::PushID(id);
  if (size.x <= 0) size.x = ImGui::GetContentRegionAvail().x;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 p1(p0.x + size.x, p0.y + size.y);
  ImGui::InvisibleButton("plot", size);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, p1, ImGui::GetColorU32(ImGuiCol_ChildBg), 3.0f);
  dl->AddRect(p0, p1, ImGui::GetColorU32(ImGuiCol_Border), 3.0f);

  // Data range.
  float xMin = FLT_MAX, xMax = -FLT_MAX, yMin = FLT_MAX, yMax = -FLT_MAX;
  for (const PlotSeries& s : series)
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      if (!std::isfinite(s.y[i]) || (o.logY && s.y[i] <= 0)) continue;
      xMin = std::min(xMin, s.x[i]);
      xMax = std::max(xMax, s.x[i]);
      const float y = mapY(s.y[i], o.logY);
      yMin = std::min(yMin, y);
      yMax = std::max(yMax, y);
    }
  for (const PlotMarker& m : o.markers) {
    xMin = std::min(xMin, m.x);
    xMax = std::max(xMax, m.x);
  }
  if (o.yMin != 0 || o.yMax != 0) {
    yMin = mapY(o.yMin, o.logY);
    yMax = mapY(o.yMax, o.logY);
  }
  const bool empty = xMin > xMax || yMin > yMax;
  if (empty) {
    xMin = 0;
    xMax = 1;
    yMin = 0;
    yMax = 1;
  }
  if (o.logY) {
    yMin = std::floor(yMin);
    yMax = std::max(std::ceil(yMax), yMin + 1);
  } else if (yMax - yMin < 1e-12f) {
    yMax = yMin + 1;
  } else {
    const float pad = (yMax - yMin) * 0.05f;
    yMin -= (o.yMin != 0 || o.yMax != 0) ? 0 : pad;
    yMax += (o.yMin != 0 || o.yMax != 0) ? 0 : pad;
  }
  if (xMax <= xMin) xMax = xMin + 1;

  const float left = p0.x + 38, right = p1.x - 6, top = p0.y + 6;
  const float bottom = p1.y - (o.xLabel.empty() ? 6 : 6 + ImGui::GetFontSize());
  auto sx = [&](float x) { return left + (x - xMin) / (xMax - xMin) * (right - left); };
  auto sy = [&](float y) { return bottom - (y - yMin) / (yMax - yMin) * (bottom - top); };

  // Grid: decades on log axes, 4 divisions on linear ones.
  const ImU32 grid = IM_COL32(255, 255, 255, 22), label = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  char buf[32];
  const int steps = o.logY ? int(yMax - yMin) : 4;
  const int stride = std::max(1, steps / 5);
  for (int i = 0; i <= steps; i += stride) {
    const float v = yMin + (yMax - yMin) * i / steps;
    const float y = sy(v);
    dl->AddLine(ImVec2(left, y), ImVec2(right, y), grid);
    formatTick(buf, sizeof(buf), v, o.logY);
    dl->AddText(ImVec2(p0.x + 4, y - ImGui::GetFontSize() * 0.5f), label, buf);
  }
  if (!o.xLabel.empty()) {
    std::snprintf(buf, sizeof(buf), "%.3g", xMin);
    dl->AddText(ImVec2(left, bottom + 2), label, buf);
    std::snprintf(buf, sizeof(buf), "%.3g", xMax);
    const float w = ImGui::CalcTextSize(buf).x;
    dl->AddText(ImVec2(right - w, bottom + 2), label, buf);
    const float lw = ImGui::CalcTextSize(o.xLabel.c_str()).x;
    dl->AddText(ImVec2((left + right - lw) * 0.5f, bottom + 2), label, o.xLabel.c_str());
  }

  dl->PushClipRect(ImVec2(left, top - 1), ImVec2(right + 1, bottom + 1), true);
  for (float ref : o.referenceY) {
    const float y = sy(mapY(ref, o.logY));
    for (float x = left; x < right; x += 8) dl->AddLine(ImVec2(x, y), ImVec2(std::min(x + 4, right), y), label);
  }
  for (const PlotMarker& m : o.markers) {
    const float x = sx(m.x);
    dl->AddLine(ImVec2(x, top), ImVec2(x, bottom), m.color, 1.5f);
    // Labels at the bottom (the legend lives at the top), right of the line, or left of it where they would
    // run past the plot's edge.
    if (!m.label.empty()) {
      const float w = ImGui::CalcTextSize(m.label.c_str()).x;
      const float tx = x + 3 + w <= right ? x + 3 : x - 3 - w;
      dl->AddText(ImVec2(tx, bottom - ImGui::GetFontSize() - 1), m.color, m.label.c_str());
    }
  }
  std::vector<ImVec2> points;
  for (const PlotSeries& s : series) {
    points.clear();
    for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
      if (!std::isfinite(s.y[i]) || (o.logY && s.y[i] <= 0)) continue;
      points.emplace_back(sx(s.x[i]), sy(mapY(s.y[i], o.logY)));
    }
    if (points.size() >= 2) dl->AddPolyline(points.data(), int(points.size()), s.color, 0, 1.5f);
  }
  dl->PopClipRect();

  // Legend, top right (or left), on a backing that keeps it readable where curves pass under it.
  float ly = top + 2, legendW = 0;
  int legendRows = 0;
  for (const PlotSeries& s : series) {
    if (s.label.empty()) continue;
    legendW = std::max(legendW, ImGui::CalcTextSize(s.label.c_str()).x);
    ++legendRows;
  }
  if (legendRows) {
    const float x0 = o.legendLeft ? left + 16 - 18 : right - legendW - 4 - 18;
    ImVec4 backing = ImGui::ColorConvertU32ToFloat4(ImGui::GetColorU32(ImGuiCol_ChildBg));
    backing.w = 0.8f;
    dl->AddRectFilled(ImVec2(x0, ly - 1), ImVec2(x0 + legendW + 22, ly + legendRows * (ImGui::GetFontSize() + 1) + 1),
                      ImGui::ColorConvertFloat4ToU32(backing), 3.0f);
  }
  for (const PlotSeries& s : series) {
    if (s.label.empty()) continue;
    const float w = ImGui::CalcTextSize(s.label.c_str()).x;
    const float x = o.legendLeft ? left + 16 : right - w - 4;
    const float mid = ly + ImGui::GetFontSize() * 0.5f;  // a sample of the curve: a line of its colour and width
    dl->AddLine(ImVec2(x - 16, mid), ImVec2(x - 4, mid), s.color, 1.5f);
    dl->AddText(ImVec2(x, ly), s.color, s.label.c_str());
    ly += ImGui::GetFontSize() + 1;
  }

  // Hover read-out: the nearest sample of each series at the cursor's x, inside the axes only (the tick labels'
  // margin lies left of xMin).
  const float mx = ImGui::GetIO().MousePos.x;
  if (hovered && !empty && mx >= left && mx <= right) {
    const float x = xMin + (mx - left) / (right - left) * (xMax - xMin);
    dl->AddLine(ImVec2(mx, top), ImVec2(mx, bottom), IM_COL32(255, 255, 255, 60));
    ImGui::BeginTooltip();
    ImGui::Text("%s %.4g", o.xLabel.empty() ? "x" : o.xLabel.c_str(), x);
    for (const PlotSeries& s : series) {
      if (s.x.empty()) continue;
      const size_t i = size_t(std::lower_bound(s.x.begin(), s.x.end(), x) - s.x.begin());
      const size_t k = std::min(i, s.x.size() - 1);
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(s.color), "%s %.5g", s.label.c_str(), s.y[k]);
    }
    ImGui::EndTooltip();
  }
  ImGui::PopID();
}

}  // namespace specdither::studio

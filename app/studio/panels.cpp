#include "panels.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace specdither::studio {

std::string withThousands(uint64_t value) {
  std::string digits = std::to_string(value), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

void drawStatus(const StatusMessage& m) {
  if (m.text.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, m.error ? ImVec4(1.0f, 0.42f, 0.38f, 1.0f) : ImVec4(0.55f, 0.80f, 0.55f, 1.0f));
  ImGui::TextWrapped("%s", m.text.c_str());
  ImGui::PopStyleColor();
}

void itemTooltip(const char* text) {
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

ImU32 accentColor() { return IM_COL32(245, 158, 64, 255); }

ImU32 seriesColor(int index) {
  static const ImU32 colors[] = {IM_COL32(245, 158, 64, 255), IM_COL32(96, 178, 255, 255), IM_COL32(128, 214, 120, 255),
                                 IM_COL32(230, 100, 160, 255), IM_COL32(200, 200, 200, 255)};
  return colors[index % 5];
}

void drawStudioUi(Studio& s) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  // The tab strip across the top.
  const float tabH = std::floor(ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().WindowPadding.y);
  ImGui::SetNextWindowPos(ImVec2(0, 0), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(display.x, tabH), ImGuiCond_Always);
  ImGui::Begin("##tabs", nullptr, kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  int shown = s.tab;
  if (ImGui::BeginTabBar("##studio tabs")) {
    static const char* const names[2] = {"Dither mask", "Separable filter"};
    for (int i = 0; i < 2; ++i) {
      const ImGuiTabItemFlags flags = s.selectTab == i ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(names[i], nullptr, flags)) {
        shown = i;
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
  s.selectTab = -1;
  s.tab = shown;
  s.filter.active = shown == 1;
  if (shown == 1) {
    drawFilterTab(s, tabH);
    return;
  }

  const float top = tabH, height = display.y - tabH;
  const float controlsW = std::clamp(display.x * 0.235f, 270.0f, 380.0f);
  const float rest = display.x - controlsW;
  const float topH = std::floor(std::clamp(height * 0.545f, 260.0f, height - 200.0f));
  const float matrixW = std::floor(rest * 0.34f), spectrumW = std::floor(rest * 0.34f);
  auto place = [&](float x, float y, float w, float h) {
    ImGui::SetNextWindowPos(ImVec2(x, top + y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
  };

  place(0, 0, controlsW, height);
  drawControlsPanel(s);
  place(controlsW, 0, matrixW, topH);
  drawMatrixPanel(s);
  place(controlsW + matrixW, 0, spectrumW, topH);
  drawSpectrumPanel(s);
  place(controlsW + matrixW + spectrumW, 0, rest - matrixW - spectrumW, topH);
  drawProgressPanel(s);
  place(controlsW, topH, rest, height - topH);
  drawPhotoPanel(s);
}

}  // namespace specdither::studio

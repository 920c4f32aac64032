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
  static const ImU32 colors[] = {IM_COL32(245, 158, 64, 255), IM_COL32(96, 178, 255, 255),
                                 IM_COL32(128, 214, 120, 255), IM_COL32(230, 100, 160, 255),
                                 IM_COL32(200, 200, 200, 255)};
  return colors[index % 5];
}

void drawStudioUi(Studio& s) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float controlsW = std::clamp(display.x * 0.235f, 270.0f, 380.0f);
  const float rest = display.x - controlsW;
  const float topH = std::floor(std::clamp(display.y * 0.545f, 260.0f, display.y - 200.0f));
  const float matrixW = std::floor(rest * 0.34f), spectrumW = std::floor(rest * 0.34f);
  auto place = [&](float x, float y, float w, float h) {
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(w, h), ImGuiCond_Always);
  };

  place(0, 0, controlsW, display.y);
  drawControlsPanel(s);
  place(controlsW, 0, matrixW, topH);
  drawMatrixPanel(s);
  place(controlsW + matrixW, 0, spectrumW, topH);
  drawSpectrumPanel(s);
  place(controlsW + matrixW + spectrumW, 0, rest - matrixW - spectrumW, topH);
  drawProgressPanel(s);
  place(controlsW, topH, rest, display.y - topH);
  drawPhotoPanel(s);
}

}  // namespace specdither::studio

// The studio's windows. A tab strip across the top ("Dither mask", "Separable filter": filter_tab.h), then for
// the mask a fixed tiling computed from the window size every frame (ImGui 1.86 has no docking):
//   +----------+---------+----------+-----------+
//   | Controls | Matrix  | Spectrum | Progress  |
//   |          +---------+----------+-----------+
//   |          | Dithered photo                 |
//   +----------+--------------------------------+
// Each panel edits the Studio's settings or sets a request; nothing here records GPU work.
#pragma once

#include "studio_app.h"

#include <imgui.h>

#include <string>

namespace specdither::studio {

void drawStudioUi(Studio& studio);

// Panels sit where the layout puts them.
constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoBringToFrontOnFocus;

// Sliders: values typed with Ctrl+click are clamped to the slider's range like dragged ones (ImGui lets them
// through otherwise). The swap knobs' sliders clamp typed values to their fields' wider valid ranges instead.
constexpr ImGuiSliderFlags kSliderFlags = ImGuiSliderFlags_AlwaysClamp;

// The individual windows (panel_*.cpp), each inside its own Begin/End.
void drawControlsPanel(Studio& studio);
void drawMatrixPanel(Studio& studio);
void drawSpectrumPanel(Studio& studio);
void drawProgressPanel(Studio& studio);
void drawPhotoPanel(Studio& studio);

// Shared helpers.
std::string withThousands(uint64_t value);      // 100000 -> "100,000"
void drawStatus(const StatusMessage& message);  // red for errors, dim for information
void itemTooltip(const char* text);             // explains the last item when hovered
ImU32 accentColor();
ImU32 seriesColor(int index);  // distinct colours for plot series

}  // namespace specdither::studio

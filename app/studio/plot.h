// A small line-plot widget on ImGui's draw list: several series, linear or logarithmic y, grid, vertical
// markers (the spectrum's cutoff), a legend and a hover read-out. ImGui's PlotLines draws one series without
// axes; the loss curves and the radial power spectrum need more.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace specdither::studio {

struct PlotSeries {
  std::string label;
  std::vector<float> x;  // ascending
  std::vector<float> y;
  ImU32 color = IM_COL32(245, 158, 64, 255);
};

struct PlotMarker {
  float x = 0;
  std::string label;
  ImU32 color = IM_COL32(120, 200, 255, 200);
};

struct PlotOptions {
  bool logY = false;
  float yMin = 0, yMax = 0;  // both 0: from the data
  std::string xLabel;
  std::vector<PlotMarker> markers;
  std::vector<float> referenceY;  // dashed horizontal lines (e.g. white noise = 1)
  bool legendLeft = false;        // legend in the top-left corner (for curves that rise to the right)
};

// Draws the plot at the cursor, size in pixels (x <= 0: the available width).
void drawPlot(const char* id, ImVec2 size, const std::vector<PlotSeries>& series, const PlotOptions& options);

}  // namespace specdither::studio

// Private to the core (not installed, not exported): the parts of test_chart.h that only the core and its
// tests call.
#pragma once

#include "specdither/test_chart.h"

namespace specdither {

// The layout for a chart of the given size (the regions scale with it).
TestChartLayout testChartLayout(uint32_t width, uint32_t height);

}  // namespace specdither

// Where the frames' time goes, for the --frames summary (a JSON line on stdout that tests and benchmarks read):
// the frame rate, the host-side phases of the loop and the GPU time of steps, views and rendering.
#pragma once

#include "studio_app.h"
#include "studio_device.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace specdither::studio {

// Host-side phases of one frame: waiting for the previous frame, the work between frames (requests, schedule),
// building the UI, acquiring the image, recording + submit + present (which on lavapipe runs the GPU work).
enum Phase { kWait, kHost, kUi, kAcquire, kPresent, kPhaseCount };

struct RunStats {
  std::vector<double> seconds;  // wall time of every frame
  double phase[kPhaseCount] = {};
  double gpu[3] = {};  // GPU ms of steps, view passes, render pass (timestamps), summed
  std::chrono::steady_clock::time_point mark = std::chrono::steady_clock::now();

  void lap(Phase p);  // adds the time since the last lap to p
};

nlohmann::json runSummary(const Studio& studio, const StudioDevice& device, const std::string& screenshot,
                          const RunStats& stats);

}  // namespace specdither::studio

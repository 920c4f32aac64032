// A one-line progress bar on stderr (only when stderr is a terminal): bar, steps/s, ETA, current loss.
#pragma once

#include <cstdint>
#include <string>

namespace specdither::cli {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled);
  // detail: free text after the rate (e.g. the loss terms).
  void update(uint64_t done, uint64_t total, double seconds, const std::string& detail);
  void finish();

 private:
  bool enabled_;
  double lastDraw_ = -1;
};

}  // namespace specdither::cli

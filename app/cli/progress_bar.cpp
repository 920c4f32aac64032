#include "progress_bar.h"

#include <unistd.h>

#include <cstdio>

namespace specdither::cli {

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled && isatty(STDERR_FILENO)) {}

void ProgressBar::update(uint64_t done, uint64_t total, double seconds, const std::string& detail) {
  if (!enabled_ || (seconds - lastDraw_ < 0.1 && done < total)) return;
  lastDraw_ = seconds;
  const int width = 30;
  const double fraction = total ? double(done) / double(total) : 1.0;
  const int filled = int(fraction * width);
  const double rate = seconds > 0 ? double(done) / seconds : 0;
  const double eta = rate > 0 ? double(total - done) / rate : 0;
  std::fprintf(stderr, "\r[%.*s%*s] %3d%% %llu/%llu  %.0f/s  ETA %02d:%02d  %s\033[K", filled,
               "==============================", width - filled, "", int(fraction * 100), (unsigned long long)done,
               (unsigned long long)total, rate, int(eta) / 60, int(eta) % 60, detail.c_str());
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (enabled_) std::fprintf(stderr, "\n");
}

}  // namespace specdither::cli

#include "progress_bar.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <chrono>
#include <algorithm>
#include <cstdio>

namespace specdither::cli {

namespace {

constexpr double kRedrawSeconds = 0.25;  // the bar: four times a second
constexpr double kFirstLineSeconds = 1;  // plain lines: none for a run shorter than this,
constexpr double kLineSeconds = 5;       // then one every this many seconds

std::string clockText(double seconds) {
  const long s = long(seconds + 0.5);
  char text[32];
  if (s >= 3600)
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(text, sizeof text, "%02ld:%02ld", s / 60, s % 60);
  return text;
}

}  // namespace

ProgressMode progressMode(bool quiet) {
  if (quiet) return ProgressMode::Off;
  return isatty(STDERR_FILENO) ? ProgressMode::Bar : ProgressMode::Lines;
}

ProgressBar::ProgressBar(ProgressMode mode, std::string task) : mode_(mode), task_(std::move(task)) {
  start_ = now();
  winsize size{};
  if (mode_ == ProgressMode::Bar && ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20)
    columns_ = size.ws_col;
  if (mode_ != ProgressMode::Off) thread_ = std::thread([this] { run(); });
}

ProgressBar::~ProgressBar() { finish(); }

double ProgressBar::now() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void ProgressBar::update(const ProgressState& state) {
  if (mode_ == ProgressMode::Off) return;
  std::lock_guard<std::mutex> lock(mutex_);
  const bool phaseChanged = state.phase != state_.phase;
  if (phaseChanged) {
    phaseStart_ = now() - start_;
    phaseStartFraction_ = state.fraction;
    phaseStartDone_ = state.done;
  }
  state_ = state;
  if (phaseChanged && mode_ == ProgressMode::Bar) draw(true);
}

void ProgressBar::clearLine() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (mode_ != ProgressMode::Bar || !drawn_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
  drawn_ = false;
}

void ProgressBar::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (mode_ == ProgressMode::Bar && drawn_) std::fprintf(stderr, "\n");
}

void ProgressBar::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, std::chrono::duration<double>(kRedrawSeconds), [this] { return stopping_; });
    if (!stopping_) draw(false);
  }
}

// "37% 740/2000 123/s ETA 00:12": the parts the state has.
std::string ProgressBar::figures(double seconds) const {
  const ProgressState& s = state_;
  const double inPhase = seconds - phaseStart_;
  char text[160];
  int n = std::snprintf(text, sizeof text, "%3d%%", int(s.fraction * 100));
  if (s.total > 0) {
    n += std::snprintf(text + n, sizeof text - n, " %llu/%llu", (unsigned long long)s.done,
                       (unsigned long long)s.total);
    if (inPhase > 0 && s.done > phaseStartDone_)
      n += std::snprintf(text + n, sizeof text - n, " %.0f/s", double(s.done - phaseStartDone_) / inPhase);
  }
  // From the pace since the phase began (the fraction it began at excluded: a resumed count, a warm-up).
  const double gained = s.fraction - phaseStartFraction_;
  if (gained > 0.005 && s.fraction < 1)
    std::snprintf(text + n, sizeof text - n, " ETA %s", clockText(inPhase * (1 - s.fraction) / gained).c_str());
  return text;
}

void ProgressBar::draw(bool phaseChanged) {
  if (state_.phase.empty()) return;
  const double seconds = now() - start_;
  const std::string detail = state_.detail.empty() ? "" : "  " + state_.detail;
  if (mode_ == ProgressMode::Bar) {
    const int width = 20;
    const int filled = int(std::min(1.0, std::max(0.0, state_.fraction)) * width);
    std::string line = state_.phase + " [" + std::string(size_t(filled), '=') +
                       std::string(size_t(width - filled), ' ') + "] " + figures(seconds) + "  " + clockText(seconds) +
                       detail;
    // A line longer than the terminal wraps, and \r would then redraw only its last row.
    if (line.size() >= columns_) line.resize(columns_ - 1);
    std::fprintf(stderr, "\r%s\033[K", line.c_str());
    std::fflush(stderr);
    drawn_ = true;
    return;
  }
  if (phaseChanged || seconds < kFirstLineSeconds || (lastLine_ > 0 && seconds - lastLine_ < kLineSeconds)) return;
  lastLine_ = seconds;
  std::fprintf(stderr, "specdither: %s: %s %s, %s elapsed%s\n", task_.c_str(), state_.phase.c_str(),
               figures(seconds).c_str(), clockText(seconds).c_str(), detail.c_str());
  std::fflush(stderr);
}

}  // namespace specdither::cli

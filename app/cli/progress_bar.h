// Progress of a long run on stderr: on a terminal a one-line bar redrawn in place (phase, bar, count, rate, ETA,
// the method's figures), elsewhere (a CI log, a pipe) a plain line every few seconds, or nothing (--quiet).
// A thread of its own redraws the bar four times a second and writes the plain lines, so the display stays live
// however long the caller goes between updates (a measurement, a pipeline build, a host phase).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace specdither::cli {

enum class ProgressMode {
  Off,    // --quiet
  Bar,    // stderr is a terminal
  Lines,  // stderr is a file or a pipe
};

// Off when quiet, else Bar or Lines by what stderr is.
ProgressMode progressMode(bool quiet);

struct ProgressState {
  std::string phase;    // what runs ("passes", "steps", "choosing the start", "spectral step 64x64"...)
  double fraction = 0;  // of the phase done, in [0, 1]
  uint64_t done = 0;    // the phase's count (steps, passes, sizes) and its total; total 0: no count shown
  uint64_t total = 0;
  std::string detail;  // free text after the figures (the loss terms...)
};

class ProgressBar {
 public:
  // task names the command in the plain lines ("specdither: generate: ..."). The clock starts here.
  ProgressBar(ProgressMode mode, std::string task);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  // The current state; a new phase is drawn at once on a terminal. Safe to call from any thread.
  void update(const ProgressState& state);
  // Erases the bar's line on a terminal before the caller prints something of its own (the next redraw brings
  // the bar back below it).
  void clearLine();
  // Stops the display: ends the bar's line on a terminal. Called by the destructor too.
  void finish();

 private:
  double now() const;
  void run();                    // the redraw thread
  void draw(bool phaseChanged);  // with mutex_ held
  std::string figures(double seconds) const;

  ProgressMode mode_;
  std::string task_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
  bool stopping_ = false;
  bool drawn_ = false;
  ProgressState state_;
  double start_ = 0;       // the clock's origin (now())
  double phaseStart_ = 0;  // since start_
  double phaseStartFraction_ = 0;
  uint64_t phaseStartDone_ = 0;
  double lastLine_ = 0;  // Lines: when the last plain line was written
  size_t columns_ = 80;  // Bar: the terminal's width
};

}  // namespace specdither::cli

// Wall-clock timing of the core: seconds since a steady_clock point (progress reports, schedules, benchmarks), and
// the rate of a CPU reference evaluated over and over (the benchmarks' CPU columns).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace specdither {

inline double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Calls evaluate(i) for i = 0 .. count - 1, over and over, until minSeconds have passed (the clock read every 256
// calls), and returns the calls per second. evaluate returns a double; their sum keeps the calls from being
// optimized away, and a non-finite sum gives 0.
template <typename Evaluate>
double evaluationsPerSecond(size_t count, double minSeconds, Evaluate evaluate) {
  uint64_t evaluated = 0;
  double sink = 0;
  const auto start = std::chrono::steady_clock::now();
  while (count > 0 && secondsSince(start) < minSeconds)
    for (size_t i = 0; i < count && (i % 256 != 0 || secondsSince(start) < minSeconds); ++i, ++evaluated)
      sink += evaluate(i);
  return sink == sink ? double(evaluated) / secondsSince(start) : 0;
}

}  // namespace specdither

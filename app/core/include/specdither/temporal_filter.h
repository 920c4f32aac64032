// The temporal filter a spatiotemporal mask is made for (docs/method.md §8.1): how the renderer accumulates the
// frames dithered with successive slices. `generate --temporal` names it:
//   ema:A     an exponential moving average y = A x + (1 - A) y (TAA), 0 < A <= 1
//   mean:K    a plain mean of the last K frames, 1 <= K <= T
//   gauss:S   a Gaussian over frames of std S > 0 (radius 4 S)
// The optimizer's energy uses the filter's autocorrelation R on the torus of the T slices.
#pragma once

#include "specdither/api.h"

#include <cstdint>
#include <string>
#include <vector>

namespace specdither {

enum class TemporalFilterKind : uint32_t { Ema = 0, Mean = 1, Gauss = 2 };

struct TemporalFilter {
  TemporalFilterKind kind = TemporalFilterKind::Ema;
  double parameter = 0.1;  // A, K or S
};

// "ema:0.1" etc. into *filter: "" or the one-line reason (the filter's syntax, or a parameter out of its range).
SPECDITHER_API std::string parseTemporalFilter(const std::string& text, TemporalFilter* filter);
// The filter as text, as parseTemporalFilter reads it.
SPECDITHER_API std::string toString(const TemporalFilter& filter);
// Whether the filter fits a stack of `slices` slices (mean:K needs K <= T): "" or the one-line reason.
SPECDITHER_API std::string checkTemporalFilter(const TemporalFilter& filter, uint32_t slices);

// The filter's weights wrapped onto the T slices: h_T(t) = sum_m h(t + m T), t = 0 .. T - 1 (sum 1).
SPECDITHER_API std::vector<double> wrappedTemporalFilter(const TemporalFilter& filter, uint32_t slices);
// Its autocorrelation on the torus, R(tau) = sum_t h_T(t) h_T((t + tau) mod T), tau = 0 .. T - 1 (symmetric:
// R(tau) = R(T - tau)). For an EMA, a (1 - a)^|tau| / (2 - a) summed over the wraps tau + m T.
SPECDITHER_API std::vector<double> temporalAutocorrelation(const TemporalFilter& filter, uint32_t slices);

}  // namespace specdither

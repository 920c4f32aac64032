// The energy of a spatiotemporal stack (docs/method.md §8.2), in double precision on the CPU: the reference the
// GPU swap stage is checked against, and the builder of the temporal term's fields it uploads.
//
// Ranks r_(x,s): each slice s a permutation of 0 .. N-1. The energy is the 2D multi-level energy of every slice
// (hvs_energy.h, docs/method.md §3.2) plus a temporal term over the pairs of pixels in different slices:
//   E_t = sum_(l = 1 .. L-1) sum_(s != s') sum_x sum_(o in O_t) K_t(o) R'(s - s') b_l(x, s) b_l(x + o, s'),
//   b_l(x, s) = [r_(x,s) < t_l], t_l = l N / L (so b_l(x, s) = [l > floor(r L / N)]),
// R' the temporal filter's autocorrelation over R(0) (R'(0) unused: same-slice pairs are the 2D term's), K_t the
// 2D term's kernel with its mean level weights, times the temporal weight (swapTemporalKernel). The fields
//   Q(y, s, lambda) = sum_(l = 1 .. lambda) sum_(s' != s) R'(s - s') b_l(y, s'),  lambda = 0 .. L-1,
// turn the temporal part of a swap's change into 4 |O_t| lookups, whatever T (docs/method.md §8.3).
#pragma once

#include "hvs/hvs_energy.h"

#include <cstdint>
#include <vector>

namespace specdither {

struct StackTemporalModel {
  uint32_t width = 0, height = 0, slices = 1, levels = 32;  // levels: L
  std::vector<HvsOffset> offsets;                           // O_t: the 2D term's offsets and (0, 0)
  std::vector<double> kernel;                               // K_t per offset
  std::vector<double> crossSlice;                           // R'(d), d = 0 .. T-1 (R'(0) = 0)

  size_t pixelCount() const { return size_t(width) * height; }
};

// Floor(r L / N): the level index lambda(r); pixel of rank r is on at the levels l > lambda(r).
inline uint32_t stackLevelOf(uint32_t rank, uint32_t levels, size_t pixelCount) {
  return uint32_t(uint64_t(rank) * levels / pixelCount);
}

// E_t of ranks (N T values, slice after slice), literally.
double stackTemporalEnergy(const StackTemporalModel& model, const std::vector<uint32_t>& ranks);

// The fields Q, [(s N + y) L + lambda] (docs/method.md §8.3), built column by column (each slice joins a
// column's levels at lambda(r) + 1); of the slices first .. first + count - 1 only (s counted from first), or of
// all of them (count 0).
std::vector<double> stackTemporalFields(const StackTemporalModel& model, const std::vector<uint32_t>& ranks,
                                        uint32_t first = 0, uint32_t count = 0);

// dE_t of swapping the ranks of pixels p and q of slice `slice` (pixel indices within the slice) through the fields
// Q of these ranks (docs/method.md §8.3): 2 sum_o K_t(o) [(Q(b+o, L(hi)) - Q(b+o, L(lo))) - (Q(a+o, L(hi)) -
// Q(a+o, L(lo)))], a the pixel of the lower rank. The CPU twin of the propose pass' temporal part.
double stackTemporalSwapDelta(const StackTemporalModel& model, const std::vector<double>& fields,
                              const std::vector<uint32_t>& ranks, uint32_t slice, uint32_t p, uint32_t q);

}  // namespace specdither

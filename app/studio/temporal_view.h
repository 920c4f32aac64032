// The mask over time in the studio (docs/studio.md, "Time"): which slice a frame shows, playback, and the
// weights with which the photo's dithered frames are averaged (what a renderer's temporal accumulation does),
// so that a user sees how fast a mask's frames average out, which a single screenshot cannot show.
#pragma once

#include "settings.h"
#include "specdither/stack_preset.h"

#include <string>
#include <vector>

namespace specdither::studio {

// Most frames an accumulation averages (the dither pass loops over them per pixel).
constexpr int kMaxAccumulatedFrames = 256;
// Most slices the studio animates.
constexpr int kMaxAnimationSlices = 256;

// Weights w_j of the frame j frames before the current one (j = 0: the current one), summing to 1. Mean: k
// equal weights (k clamped to 1 .. kMaxAccumulatedFrames). EMA: the steady state of y = alpha x + (1 - alpha) y,
// w_j = alpha (1 - alpha)^j, cut where the remaining weight falls below 1e-3 (at most kMaxAccumulatedFrames
// frames) and renormalized. Older frames than slice 0 are the previous loop's: the slices repeat.
std::vector<float> accumulationWeights(const TemporalView& view);

// Playback: advances view->frame by the frames due after `seconds` (wrapping at view->slices) when playing.
// Returns whether the frame changed.
bool advanceAnimation(TemporalView* view, double seconds);

// "ema:0.1" (alpha in (0, 1]) or "mean:8" (1 .. kMaxAccumulatedFrames) into view; "" or the one-line reason.
std::string parseAccumulation(const std::string& text, TemporalView* view);

// "EMA 0.10" or "mean of 8", for labels.
std::string accumulationLabel(const TemporalView& view);

}  // namespace specdither::studio

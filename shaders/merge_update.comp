#version 450
// The merge sort's last round fused with the end of a step (histogram_term.glsl): its outputs come in rank
// order, so each invocation finishes the pixels of the ranks it merges instead of storing the sorted pairs,
// and the step needs neither the store, nor the histogram pass's loads of them, nor its dispatch (on lavapipe
// ~40 us of thread-pool hand-off each, a tenth of a 64x64 step). For the steps whose loss is not read; those
// that read it sort fully and sum H in histogram_update_loss.comp.
#include "merge_sort_common.glsl"
#include "histogram_term.glsl"

layout(local_size_x = SD_MERGE_THREADS) in;
layout(push_constant) uniform Push { MergeUpdatePush pc; };

float gradientScale;  // histogramGradientScale of this step, once per invocation

void takeMergedPairs(uint target, uint position, SortPair p, SortPair q) {
  // Ranks past the real pixels hold the +inf padding.
  if (position < pc.merge.count) finishRank(pc.histogram, gradientScale, position, p.key, p.index);
  if (position + 1u < pc.merge.count) finishRank(pc.histogram, gradientScale, position + 1u, q.key, q.index);
}

void main() {
  gradientScale = histogramGradientScale(pc.histogram.spectral);
  mergeRoundChunk(pc.merge, gl_GlobalInvocationID.x);
}

// The end of a step (histogram_term.glsl) as a pass of its own, one invocation per rank over the sorted pairs:
// after the bitonic sort, and on the steps whose loss is read. With SD_LOSS_SUMS (histogram_update_loss.comp)
// also per-workgroup partial sums of H and of the pixels left non-finite, as in spectral_gradient.glsl.
#include "histogram_term.glsl"
#ifdef SD_LOSS_SUMS
#include "workgroup_sum.glsl"
#endif

layout(local_size_x = SD_SPECTRAL_GROUP) in;
layout(std430, binding = 0) readonly buffer Pairs { uvec2 sortedPairs[]; };  // (key bits, pixel) by rank
layout(std430, binding = 7) writeonly buffer Partials { vec2 partials[]; };  // (H, non-finite pixels)
layout(push_constant) uniform Push { HistogramUpdatePush pc; };

void main() {
  uint r = gl_GlobalInvocationID.x;
  vec2 contribution = vec2(0.0);
  if (r < pc.spectral.width * pc.spectral.height) {
    uvec2 pair = sortedPairs[r];
    contribution = finishRank(pc, histogramGradientScale(pc.spectral), r, uintBitsToFloat(pair.x), pair.y);
  }
#ifdef SD_LOSS_SUMS
  vec2 sum = workgroupSum(contribution);
  if (gl_LocalInvocationIndex == 0u) partials[gl_WorkGroupID.x] = sum;
#endif
}

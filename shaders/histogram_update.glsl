// The end of a step, one invocation per rank r: the histogram term H = sum_r (sort(m)_r - t_r)^2, whose
// gradient at the pixel of rank r is a_H c2 * 2 (sort(m)_r - t_r) (Wronski 2020: backpropagation through
// sorting is a scatter by rank), plus that pixel's spectral gradient, then the pixel's update. Every pixel has
// exactly one rank, so the scattered updates never collide, and the pair's key is the pixel's current value
// (the sort read the mask after the last update). One pass instead of a gradient pass and an update pass:
// on lavapipe each dispatch costs a thread-pool hand-off and every memory access a per-lane loop.
// With SD_LOSS_SUMS (histogram_update_loss.comp) also per-workgroup partial sums of H: a kernel of its own for
// the steps whose loss is read, as in spectral_gradient.glsl.
#include "spectral_shared.h"
#include "random_hash_shared.h"
#include "spectral_common.glsl"
#ifdef SD_LOSS_SUMS
#include "workgroup_sum.glsl"
#endif

layout(local_size_x = SD_SPECTRAL_GROUP) in;
layout(std430, binding = 0) readonly buffer Pairs { uvec2 sortedPairs[]; };  // (key bits, pixel) by rank
layout(std430, binding = 1) readonly buffer Targets { float targets[]; };
layout(std430, binding = 2) readonly buffer SpectralGradient { float spectralGradient[]; };
layout(std430, binding = 3) buffer Mask { float mask[]; };
layout(std430, binding = 4) buffer First { float firstMoment[]; };
layout(std430, binding = 5) buffer Second { float secondMoment[]; };
layout(std430, binding = 6) writeonly buffer Gradient { float gradient[]; };  // written instead of updating
layout(std430, binding = 7) writeonly buffer Partials { float partials[]; };
#include "gradient_update.glsl"
layout(push_constant) uniform Push { HistogramUpdatePush pc; };

void main() {
  uint r = gl_GlobalInvocationID.x;
  float contribution = 0.0;
  if (r < pc.spectral.width * pc.spectral.height) {
    vec3 c = termScales(pc.spectral.seedLow, pc.spectral.seedHigh, pc.spectral.step, pc.spectral.randomScaling);
    uvec2 pair = sortedPairs[r];
    float key = uintBitsToFloat(pair.x);
    uint pixel = pair.y;
    float d = key - targets[r];
    float g = spectralGradient[pixel] + pc.spectral.weightHistogram * c.y * 2.0 * d;
    if (pc.writeGradient != 0u) {
      gradient[pixel] = g;
    } else {
      mask[pixel] = updatedParameter(pc.update, pixel, key, g);
    }
    contribution = d * d;
  }
#ifdef SD_LOSS_SUMS
  float sum = workgroupSum(vec2(contribution, 0.0)).x;
  if (gl_LocalInvocationIndex == 0u) partials[gl_WorkGroupID.x] = sum;
#endif
}

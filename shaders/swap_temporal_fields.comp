#version 450
// The temporal term's update, part 2 (docs/method.md §8.3), one dispatch per chunk of the fields: invocation
// (slice s, pixel y) owns the fields Q(y, s, lambda), lambda = 0 .. L-1, and adds what the changed slices s' of its
// column moved:
//   Q(y, s, lambda) += R'(s - s') (max(0, lambda - lambda(r_new)) - max(0, lambda - lambda(r_old))),
// lambda(r) = floor(r L / N): slice s' counts at the levels l > lambda(r), and Q sums the levels 1 .. lambda.
#include "swap_shared.h"

layout(local_size_x = SD_SWAP_GROUP_SIZE) in;
layout(std430, binding = 0) readonly buffer Ranks { uint ranks[]; };
layout(std430, binding = 1) readonly buffer RanksBefore { uint ranksBefore[]; };
layout(std430, binding = 2) readonly buffer Changed { uint changed[]; };
layout(std430, binding = 3) readonly buffer CrossSlice { float crossSlice[]; };  // R'(d), d = 0 .. T-1
layout(std430, binding = 4) buffer Fields { float fields[]; };
layout(push_constant) uniform Push { SwapTemporalPush pc; };

void main() {
  uint g = gl_GlobalInvocationID.x;  // within the bound chunk of slices
  if (g >= pc.pixelCount * pc.sliceCount) return;
  uint s = pc.sliceBegin + g / pc.pixelCount, y = g % pc.pixelCount;
  uint field = g * pc.levels;
  for (uint w = 0u; w < pc.words; ++w) {
    uint bits = changed[y * pc.words + w];
    while (bits != 0u) {
      uint k = uint(findLSB(bits));
      bits &= bits - 1u;
      uint s2 = w * 32u + k;
      float r = crossSlice[(s2 + pc.slices - s) % pc.slices];
      if (s2 == s || r == 0.0) continue;
      uint i = s2 * pc.pixelCount + y;
      int lambdaOld = int(ranksBefore[i] * pc.levels / pc.pixelCount);
      int lambdaNew = int(ranks[i] * pc.levels / pc.pixelCount);
      for (int lambda = min(lambdaOld, lambdaNew) + 1; lambda < int(pc.levels); ++lambda)
        fields[field + uint(lambda)] += r * float(max(0, lambda - lambdaNew) - max(0, lambda - lambdaOld));
    }
  }
}

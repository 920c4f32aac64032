#version 450
// One merge round over the whole array for runs of pc.width >= the block size: each invocation writes one
// chunk of outputs into the other half of the buffer.
#include "merge_sort_common.glsl"

layout(local_size_x = SD_MERGE_THREADS) in;

void main() {
  uint chunk = gl_GlobalInvocationID.x;
  if (chunk >= pc.paddedCount / SD_MERGE_CHUNK) return;
  uint source = pc.sourceIsScratch != 0u ? pc.paddedCount : 0u;
  mergeRoundChunk(source, pc.paddedCount - source, 0u, pc.width, chunk);
}

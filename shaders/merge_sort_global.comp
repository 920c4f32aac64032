#version 450
// One merge round over the whole array for runs of pc.width >= the run kernel's runs: each invocation writes
// one chunk of outputs into the other half of the buffer, found by a merge-path search.
#include "merge_sort_common.glsl"

layout(local_size_x = SD_MERGE_THREADS) in;

void main() {
  // Each invocation writes `outputs` consecutive outputs (a merged run holds 2 * width of them); the longer
  // the chunk, the fewer merge-path searches per output.
  uint outputs = min(uint(SD_MERGE_CHUNK), 2u * pc.width);
  uint offset = gl_GlobalInvocationID.x * outputs;
  if (offset >= pc.paddedCount) return;
  uint source = pc.sourceIsScratch != 0u ? pc.paddedCount : 0u;
  uint runBase = offset & ~(2u * pc.width - 1u);
  mergeChunk(source, pc.paddedCount - source, runBase, pc.width, offset - runBase, outputs);
}

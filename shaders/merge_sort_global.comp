#version 450
// One merge round over the whole array for runs of pc.width >= the run kernel's runs: each invocation writes
// one chunk of outputs into the other half of the buffer, found by a merge-path search.
#include "merge_sort_common.glsl"

layout(local_size_x = SD_MERGE_THREADS) in;

// Chunk number `chunk` of the round: the outputs [chunk, chunk + 1) * SD_MERGE_CHUNK of the merge they fall in.
void mergeRoundChunk(uint source, uint target, uint width, uint chunk) {
  uint offset = chunk * SD_MERGE_CHUNK;
  uint runBase = offset & ~(2u * width - 1u);
  mergeChunk(source, target, runBase, width, offset - runBase, SD_MERGE_CHUNK);
}

void main() {
  uint chunk = gl_GlobalInvocationID.x;
  if (chunk >= pc.paddedCount / SD_MERGE_CHUNK) return;
  uint source = pc.sourceIsScratch != 0u ? pc.paddedCount : 0u;
  mergeRoundChunk(source, pc.paddedCount - source, pc.width, chunk);
}

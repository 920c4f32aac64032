#version 450
// One merge round over the whole array for runs of pc.width >= the run kernel's runs: each invocation writes
// one chunk of outputs into the other half of the buffer, found by a merge-path search.
#include "merge_sort_common.glsl"

layout(local_size_x = SD_MERGE_THREADS) in;
layout(push_constant) uniform Push { MergePush pc; };

void takeMergedPairs(uint target, uint position, SortPair p, SortPair q) { storeTwoPairs(target + position, p, q); }

void main() { mergeRoundChunk(pc, gl_GlobalInvocationID.x); }

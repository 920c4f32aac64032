// Sum over the SD_SPECTRAL_GROUP invocations of a workgroup, by a tree in shared memory; the result is valid
// in invocation 0. Call from uniform control flow only (it holds barriers). On CPU devices every barrier
// switches all the workgroup's SIMD coroutines, so the passes call it only on steps whose loss is read.
shared vec2 workgroupSumScratch[SD_SPECTRAL_GROUP];

vec2 workgroupSum(vec2 contribution) {
  uint t = gl_LocalInvocationIndex;
  workgroupSumScratch[t] = contribution;
  barrier();
  for (uint stride = SD_SPECTRAL_GROUP / 2; stride > 0; stride >>= 1) {
    if (t < stride) workgroupSumScratch[t] += workgroupSumScratch[t + stride];
    barrier();
  }
  return workgroupSumScratch[0];
}

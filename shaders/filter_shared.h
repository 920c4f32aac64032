// Shared by the separable-filter shaders (filter_*.comp) and app/core/filter_*.cpp: workgroup sizes and
// push-constant blocks, declared once (see gpu_types.h). The model and the loss are those of Wronski (2020),
// "Using JAX, numpy, and optimization techniques to improve separable image filters" (docs/method.md §6).
//
// Parameter buffer layout (float): a_0 .. a_{R-1} (height floats each: the vertical 1D filters), then
// b_0 .. b_{R-1} (width floats each: the horizontal ones). F[y][x] = sum_r a_r[y] b_r[x].
#ifndef SPECDITHER_FILTER_SHARED_H
#define SPECDITHER_FILTER_SHARED_H
#include "gpu_types.h"

#define SD_FILTER_GRADIENT_GROUP 64
// One workgroup reduces the whole loss, in a fixed order, so the reported loss is reproducible bit for bit.
#define SD_FILTER_LOSS_GROUP 256
#define SD_FILTER_BLUR_GROUP_X 16
#define SD_FILTER_BLUR_GROUP_Y 8
// Exact pass: each workgroup (BLUR_GROUP_X x BLUR_GROUP_Y threads) computes a tile of EXACT_PER_THREAD
// horizontally adjacent outputs per thread, from a block of the image staged in shared memory (16 KiB: the
// Vulkan minimum, so the same shader runs everywhere).
#define SD_FILTER_EXACT_PER_THREAD 4
#define SD_FILTER_EXACT_TILE_FLOATS 4096
// Kernel taps per exact-blur dispatch (a band of rows): lavapipe ends an invocation's loops silently once they
// have run 65535 iterations in all, and one tap is one iteration.
#define SD_FILTER_EXACT_TAPS_PER_PASS 32768
// Ranks per rows pass: its accumulators live in registers, and the intermediate buffer holds this many planes.
#define SD_FILTER_BLUR_MAX_CHUNK 8

SD_BEGIN_NAMESPACE
// filter_gradient.comp and filter_loss.comp.
struct FilterLossPush {
  uint width;      // of the kernel (number of taps of each b_r)
  uint height;     // of the kernel (number of taps of each a_r)
  uint rank;
  float weightL2;
  float weightNonneg;
  float weightZeros;
  float invCount;  // 1 / (width * height): every term is a mean
};

// filter_blur_*.comp. The image is planar float: channel c, row y, column x at (c * H + y) * W + x.
struct FilterBlurPush {
  uint imageWidth;
  uint imageHeight;
  uint channels;
  uint kernelWidth;
  uint kernelHeight;
  uint rank;          // R of the parameter buffer (for the offset of the b_r)
  uint rankBegin;     // first rank of this chunk of passes
  uint rankCount;     // ranks in this chunk
  uint accumulate;    // columns pass: 1 = add to the linear sum already in the output
  uint finalize;      // columns/exact pass: 1 = apply the inverse gamma and write display values
  uint rowBegin;      // exact pass: the band of kernel rows this dispatch adds (accumulate: to the output's sum)
  uint rowCount;
  float scale;        // multiplies the filter (1 / sum of the target kernel: unit DC gain)
  float gamma;        // linearize: x^gamma; finalize: max(x, 0)^(1/gamma)
};
SD_END_NAMESPACE
#endif

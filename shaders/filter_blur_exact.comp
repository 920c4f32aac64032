#version 450
// The reference: the full 2D correlation of the linear image with the target kernel (clamp-to-edge), times
// the scale, then the inverse gamma:
//   out[c][y][x] = finalize(scale * sum_{i,j} K[i][j] lin[c][y + i - (Kh - 1) / 2][x + j - (Kw - 1) / 2])
// Kh * Kw taps per output (2500 at D = 50), so it is written for throughput: a workgroup computes a
// 64 x 8 tile of one channel; the image block it needs is staged in shared memory (clamped once, so the
// inner loop has no border logic), one kernel block at a time so that any kernel size fits in 16 KiB; each
// thread slides a window of 4 adjacent outputs along a kernel row, one shared load per tap. One dispatch adds
// the band of kernel rows [pc.rowBegin, + pc.rowCount) to the linear sum in the output
// (SD_FILTER_EXACT_TAPS_PER_PASS), the last one finalizes.
#include "filter_shared.h"

layout(local_size_x = SD_FILTER_BLUR_GROUP_X, local_size_y = SD_FILTER_BLUR_GROUP_Y) in;
layout(std430, binding = 0) readonly buffer Linear { float linear[]; };
layout(std430, binding = 1) readonly buffer Kernel { float kernelTaps[]; };
layout(std430, binding = 2) buffer Output { float outputs[]; };
layout(push_constant) uniform Push { FilterBlurPush pc; };

#include "filter_blur_common.glsl"

const int kTileW = SD_FILTER_BLUR_GROUP_X * SD_FILTER_EXACT_PER_THREAD;  // outputs per tile row
const int kTileH = SD_FILTER_BLUR_GROUP_Y;
const int kMaxBlockW = 64;  // kernel columns per block: the staged rows are at most kTileW + 63 wide
shared float tile[SD_FILTER_EXACT_TILE_FLOATS];

void main() {
  uint c = gl_WorkGroupID.z;
  int x0 = int(gl_WorkGroupID.x) * kTileW, y0 = int(gl_WorkGroupID.y) * kTileH;
  int lx = int(gl_LocalInvocationID.x), ly = int(gl_LocalInvocationID.y);
  int lid = ly * SD_FILTER_BLUR_GROUP_X + lx;
  int kw = int(pc.kernelWidth), kh = int(pc.kernelHeight);
  int cy = (kh - 1) / 2, cx = (kw - 1) / 2;
  float acc0 = 0.0, acc1 = 0.0, acc2 = 0.0, acc3 = 0.0;
  int rowBegin = int(pc.rowBegin), rowEnd = rowBegin + int(pc.rowCount);
  for (int bx = 0; bx < kw; bx += kMaxBlockW) {
    int blockW = min(kMaxBlockW, kw - bx);
    int stageW = kTileW + blockW - 1;
    int blockH = SD_FILTER_EXACT_TILE_FLOATS / stageW - (kTileH - 1);
    for (int by = rowBegin; by < rowEnd; by += blockH) {
      int rows = min(blockH, rowEnd - by);
      int stageH = kTileH + rows - 1;
      barrier();  // every thread is done reading the previous block
      for (int i = lid; i < stageW * stageH; i += SD_FILTER_BLUR_GROUP_X * SD_FILTER_BLUR_GROUP_Y) {
        int ty = i / stageW, tx = i - ty * stageW;
        tile[i] = linear[pixelIndex(c, y0 + ty + by - cy, x0 + tx + bx - cx)];
      }
      barrier();  // the block is staged
      for (int i = 0; i < rows; ++i) {
        int base = (ly + i) * stageW + lx * SD_FILTER_EXACT_PER_THREAD;
        int taps = (by + i) * kw + bx;
        float w0 = tile[base], w1 = tile[base + 1], w2 = tile[base + 2];
        for (int j = 0; j < blockW; ++j) {
          float w3 = tile[base + j + 3];
          float k = kernelTaps[taps + j];
          acc0 += k * w0;
          acc1 += k * w1;
          acc2 += k * w2;
          acc3 += k * w3;
          w0 = w1;
          w1 = w2;
          w2 = w3;
        }
      }
    }
  }
  int y = y0 + ly, x = x0 + lx * SD_FILTER_EXACT_PER_THREAD;
  if (y >= int(pc.imageHeight)) return;
  uint row = (c * pc.imageHeight + uint(y)) * pc.imageWidth;
  float acc[4] = float[4](acc0, acc1, acc2, acc3);
  for (int o = 0; o < SD_FILTER_EXACT_PER_THREAD; ++o) {
    if (x + o >= int(pc.imageWidth)) break;
    uint i = row + uint(x + o);
    float sum = pc.scale * acc[o] + (pc.accumulate != 0u ? outputs[i] : 0.0);
    outputs[i] = pc.finalize != 0u ? finalizeValue(sum) : sum;
  }
}

#version 450
// One pass of the swap stage, part 3: rebuilds the padded (wrapped) copy of the pixels' Phi rows (the Phi of
// their ranks, pc.phiStride floats each) that the gathers of swap_propose.glsl read without any modulo and
// without a second lookup, and releases every pixel claim for the next pass.
#include "swap_shared.h"

layout(local_size_x = SD_SWAP_GROUP_SIZE) in;
layout(std430, binding = 0) readonly buffer Ranks { uint ranks[]; };
layout(std430, binding = 1) writeonly buffer Padded { float paddedPhi[]; };
layout(std430, binding = 2) writeonly buffer Claims { uint claims[]; };
layout(std430, binding = 3) readonly buffer PhiTable { float phi[]; };
layout(push_constant) uniform Push { SwapRefreshPush pc; };

void main() {
  uint j = gl_GlobalInvocationID.x;
  if (j < pc.pixelCount * pc.slices) claims[j] = 0xffffffffu;
  uint plane = pc.paddedWidth * pc.paddedHeight;
  if (j >= plane * pc.slices) return;
  uint slice = j / plane, k = j - slice * plane;
  // padX <= width and padY <= height (O holds shortest representatives), so adding one period keeps the
  // operands of % non-negative (GLSL leaves % of negative numbers undefined).
  uint x = (k % pc.paddedWidth + pc.width - pc.padX) % pc.width;
  uint y = (k / pc.paddedWidth + pc.height - pc.padY) % pc.height;
  uint r = ranks[slice * pc.pixelCount + y * pc.width + x];
  for (uint k = 0u; k < pc.phiStride; ++k) paddedPhi[j * pc.phiStride + k] = phi[r * pc.phiStride + k];
}

#version 450
// The swap stage's propose pass for 3 sigmas (body: swap_propose.glsl).
#define SD_SWAP_SIGMAS 3u
#define SD_SWAP_PHI_ROW vec4  // swapPhiStride(3) floats
#include "swap_propose.glsl"

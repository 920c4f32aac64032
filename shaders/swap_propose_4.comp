#version 450
// The swap stage's propose pass for 4 sigmas (body: swap_propose.glsl).
#define SD_SWAP_SIGMAS 4u
#define SD_SWAP_PHI_ROW vec4  // swapPhiStride(4) floats
#include "swap_propose.glsl"

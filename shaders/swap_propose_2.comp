#version 450
// The swap stage's propose pass for 2 sigmas (body: swap_propose.glsl).
#define SD_SWAP_SIGMAS 2u
#define SD_SWAP_PHI_ROW vec2  // swapPhiStride(2) floats
#include "swap_propose.glsl"

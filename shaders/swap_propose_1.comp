#version 450
// The swap stage's propose pass for 1 sigma (body: swap_propose.glsl).
#define SD_SWAP_SIGMAS 1u
#define SD_SWAP_PHI_ROW vec2  // swapPhiStride(1) floats
#include "swap_propose.glsl"

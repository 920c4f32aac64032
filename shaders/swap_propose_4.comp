#version 450
// The swap stage's propose pass for 4 sigmas (body: swap_propose.glsl).
#define SD_SWAP_SIGMAS 4u
#include "swap_propose.glsl"

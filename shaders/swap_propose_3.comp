#version 450
// The swap stage's propose pass for 3 sigmas (body: swap_propose.glsl).
#define SD_SWAP_SIGMAS 3u
#include "swap_propose.glsl"

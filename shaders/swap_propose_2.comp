#version 450
// The swap stage's propose pass for 2 sigmas (body: swap_propose.glsl).
#define SD_SWAP_SIGMAS 2u
#include "swap_propose.glsl"

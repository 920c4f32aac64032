#version 450
// The swap stage's propose pass for 1 sigma (body: swap_propose.glsl).
#define SD_SWAP_SIGMAS 1u
#include "swap_propose.glsl"

#version 450
// The spectral gradient pass with the loss sums, for the steps whose loss is read (spectral_gradient.glsl).
#define SD_LOSS_SUMS
#include "spectral_gradient.glsl"

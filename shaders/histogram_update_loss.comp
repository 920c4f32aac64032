#version 450
// The histogram-and-update pass with the loss sums, for the steps whose loss is read (histogram_update.glsl).
#define SD_LOSS_SUMS
#include "histogram_update.glsl"

#version 450
// The histogram-and-update pass of the steps whose loss is not read (histogram_update.glsl).
#include "histogram_update.glsl"

#version 450
// The spectral gradient pass of the steps whose loss is not read (spectral_gradient.glsl).
#include "spectral_gradient.glsl"

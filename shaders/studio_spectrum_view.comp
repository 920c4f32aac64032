#version 450
// Centred log-power spectrum of the mask from VkFFT's half spectrum. A real mask has X(-k) = conj(X(k)), so
// the half with kx >= 0 holds every magnitude: |X(kx, ky)| = |X(-kx, -ky)|.
#include "studio_shared.h"
#include "studio_common.glsl"

layout(local_size_x = SD_STUDIO_GROUP_X, local_size_y = SD_STUDIO_GROUP_Y) in;
layout(std430, binding = 0) readonly buffer Spectrum { vec2 spectrum[]; };
layout(std430, binding = 1) writeonly buffer Pixels { uint pixels[]; };
layout(push_constant) uniform Push { StudioSpectrumViewPush pc; };

void main() {
  uvec2 p = gl_GlobalInvocationID.xy;
  if (p.x >= pc.width || p.y >= pc.height) return;
  // fftshift: pixel 0 holds frequency -floor(n / 2), the centre pixel holds DC.
  int kx = int(p.x) - int(pc.width / 2);
  int ky = int(p.y) - int(pc.height / 2);
  if (kx < 0) {
    kx = -kx;
    ky = -ky;
  }
  uint row = uint(ky < 0 ? ky + int(pc.height) : ky);
  vec2 x = spectrum[row * (pc.width / 2 + 1) + uint(kx)];
  float power = dot(x, x) * pc.powerScale;
  float db = 10.0 * log(max(power, 1e-30)) / log(10.0);
  float t = (db - pc.dbMin) / (pc.dbMax - pc.dbMin);
  vec3 color = inferno(t);
  if (pc.hideDc != 0u && kx == 0 && ky == 0) color = vec3(0.0);
  pixels[p.y * pc.width + p.x] = packColor(color);
}

#version 450
// Shows a packed-RGBA8 storage buffer with nearest-neighbour sampling and toroidal wrap (tiled views). Reading
// the buffer directly keeps the views free of images, layouts and samplers: the compute passes write the
// buffer and this shader reads it, ordered by one barrier.
layout(push_constant) uniform Push {
  vec4 rect;
  vec4 uv;
  uint width;
  uint height;
} pc;
layout(std430, set = 0, binding = 0) readonly buffer Pixels { uint pixels[]; };
layout(location = 0) in vec2 uv;
layout(location = 0) out vec4 color;

void main() {
  // Wrap with fract rather than integer %: llvmpipe scalarizes vector integer division (one per pixel).
  ivec2 size = ivec2(pc.width, pc.height);
  ivec2 texel = min(ivec2(floor(fract(uv) * vec2(size))), size - 1);
  color = unpackUnorm4x8(pixels[texel.y * size.x + texel.x]);
}

#version 450
// A screen-space rectangle (two triangles from gl_VertexIndex; no vertex buffer) for the display pipeline.
layout(push_constant) uniform Push {
  vec4 rect;      // x0, y0, x1, y1 in normalized device coordinates
  vec4 uv;        // u0, v0, u1, v1 in image units: 1 = one image width/height, so 0..2 shows 2x2 tiles
  uint width;
  uint height;
} pc;
layout(location = 0) out vec2 uv;

void main() {
  const vec2 corners[6] = vec2[](vec2(0, 0), vec2(1, 0), vec2(1, 1), vec2(0, 0), vec2(1, 1), vec2(0, 1));
  vec2 c = corners[gl_VertexIndex];
  gl_Position = vec4(mix(pc.rect.xy, pc.rect.zw, c), 0.0, 1.0);
  uv = mix(pc.uv.xy, pc.uv.zw, c);
}

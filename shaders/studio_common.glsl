// Helpers shared by the studio's view passes.

uint packColor(vec3 c) { return packUnorm4x8(vec4(clamp(c, 0.0, 1.0), 1.0)); }

// "inferno" colormap (Smith & van der Walt's matplotlib map), as the degree-6 polynomial fit published by
// Matt Zucker (CC0): dark purple -> orange -> pale yellow, monotonic in lightness, so dB reads as brightness.
vec3 inferno(float t) {
  const vec3 c0 = vec3(0.0002189403691192265, 0.001651004631001012, -0.01948089843709184);
  const vec3 c1 = vec3(0.1065134194856116, 0.5639564367884091, 3.932712388889277);
  const vec3 c2 = vec3(11.60249308247187, -3.972853965665698, -15.9423941062914);
  const vec3 c3 = vec3(-41.70399613139459, 17.43639888205313, 44.35414519872813);
  const vec3 c4 = vec3(77.162935699427, -33.40235894210092, -81.80730925738993);
  const vec3 c5 = vec3(-71.31942824499214, 32.62606426397723, 73.20951985803202);
  const vec3 c6 = vec3(25.13112622477341, -12.24266895238567, -23.07032500287172);
  t = clamp(t, 0.0, 1.0);
  return c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * (c5 + t * c6)))));
}

// x mod n for the tiled lookups, without integer division: llvmpipe (lavapipe) has no vector integer divide and
// scalarizes every % into one division per lane, which made the dither pass several times slower.
uint wrapIndex(uint x, uint n) {
  float q = floor(float(x) / float(n));
  int r = int(x) - int(q) * int(n);
  if (r < 0) r += int(n);             // the float quotient may be off by one near multiples of n
  if (r >= int(n)) r -= int(n);
  return uint(r);
}

// Helpers of the filter_blur_*.comp shaders: planar image addressing with clamp-to-edge borders and the
// article's gamma (Wronski 2020: x^8 before blurring, the 8th root after, so that highlights dominate the
// way they do in a real lens and every ringing or corner artifact of an approximate filter shows).

uint pixelIndex(uint c, int y, int x) {
  int yy = clamp(y, 0, int(pc.imageHeight) - 1);
  int xx = clamp(x, 0, int(pc.imageWidth) - 1);
  return (c * pc.imageHeight + uint(yy)) * pc.imageWidth + uint(xx);
}

// Display value from a linear (gamma-expanded) sum. Negative sums (ringing of a filter with negative taps)
// have no 8th root: they show as black, as in the article. At gamma 1 the signed value is kept.
float finalizeValue(float linear) {
  if (pc.gamma == 1.0) return linear;
  return pow(max(linear, 0.0), 1.0 / pc.gamma);
}

// Push constants and workgroup sizes of the studio's view passes (app/studio/view_passes.cpp): they turn the
// optimizer's float buffers into packed RGBA8 pixels (one uint per pixel, R in the low byte) that the studio's
// display pipeline reads straight from a storage buffer.
#ifndef SPECDITHER_STUDIO_SHARED_H
#define SPECDITHER_STUDIO_SHARED_H
#include "gpu_types.h"

#define SD_STUDIO_GROUP_X 16
#define SD_STUDIO_GROUP_Y 16

SD_BEGIN_NAMESPACE
// The optimizer's mask -> the views' mask, values in [0, 1): from floats v = m * scale + offset, or from ranks
// v = (rank + 0.5) / N (the swap optimizer keeps a permutation).
// A stack of slices converts in one dispatch over width x (height * slices), ranks per plane of planeSize.
struct StudioMaskSourcePush {
  uint width;
  uint height;
  uint ranks;              // 1: binding 0 holds uint ranks; 0: float values
  float scale;
  float offset;
  uint planeSize;          // ranks: values per plane (width * height of one slice)
  uint sourceOffset;       // first value read (a slice's offset)
};

// Mask -> gray pixels: gray = clamp(m * scale + offset, 0, 1), or with threshold > 0 the binary pattern of that
// gray level, white where v < threshold (docs/method.md §5.4: b = [v < g], the pixels a flat gray g turns on).
// cycle = 1 shows a slice of the golden-ratio animation: the gray is frac(m * scale + offset) (temporal_view.h).
struct StudioMaskViewPush {
  uint width;
  uint height;
  float scale;
  float offset;
  float threshold;
  uint cycle;
};

// Half spectrum (H x (W/2+1) complex, VkFFT's R2C layout) -> the centred (fftshift) log-power image through a
// perceptual colormap. power = |X|^2 * powerScale (powerScale = 1 / (N var) gives the periodogram, white = 0 dB).
struct StudioSpectrumViewPush {
  uint width;
  uint height;
  float powerScale;
  float dbMin;             // maps to the colormap's dark end
  float dbMax;             // maps to its bright end
  uint hideDc;             // 1: draw the DC term (the mean, not noise) black
};

// A photo (packed RGBA8) dithered to 2^bits levels per channel with a tiled threshold mask:
// y = clamp(floor(x (L - 1) + t), 0, L - 1) / (L - 1), t = clamp(m * scale + offset, 0, 1) of the mask tiled
// from the photo's origin. Columns >= splitX use the second mask (or show the source when compareMode = 2).
// Over time (temporal_view.h): with slices > 1, the frame of slice s thresholds with the slice's own plane
// (stacked) or frac(t + s * sliceStep), the golden-ratio animation of a 2D mask, and compareMode = 3 shows there the mean of the frames of slices
// slice, slice - 1, ... (wrapping) under the weights of binding 4, the other side the current frame.
struct StudioDitherPush {
  uint width;              // photo
  uint height;
  uint originX;            // the dispatch covers the rectangle from (originX, originY): only what is on screen
  uint originY;
  uint maskWidth;
  uint maskHeight;
  float maskScale;
  float maskOffset;
  uint compareWidth;
  uint compareHeight;
  float compareScale;
  float compareOffset;
  uint splitX;             // first column shown with the comparison (width = no comparison)
  uint compareMode;        // 0: none, 1: second mask, 2: the undithered source
  uint levels;             // L = 2^bits
  uint luma;               // 1: dither Rec. 709 luma and show gray
  uint slices;             // 1: a still mask
  uint slice;              // the current frame's slice, 0 .. slices - 1
  float sliceStep;         // threshold offset per slice (the golden ratio's fraction); unused when stacked
  uint stacked;            // 1: binding 1 holds the slices' own planes (a spatiotemporal mask)
  uint weightCount;        // frames in the accumulation (compareMode 3)
};
SD_END_NAMESPACE
#endif

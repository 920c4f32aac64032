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
// Output i reads source[sourceOffset + i * sourceStride]: a whole mask (slices, channels interleaved) converts in
// one dispatch over (width * channels) x (height * slices) with stride 1; one plane (a slice's channel, for the
// FFT and the spectrum) with stride = channels. Ranks are per plane of planeSize values.
struct StudioMaskSourcePush {
  uint width;
  uint height;
  uint ranks;              // 1: binding 0 holds uint ranks; 0: float values
  float scale;
  float offset;
  uint planeSize;          // ranks: values per plane (width * height of one slice)
  uint sourceOffset;       // first value read
  uint sourceStride;       // values between two outputs
};

// Mask -> gray pixels: gray = clamp(m * scale + offset, 0, 1), or with threshold > 0 the binary pattern of that
// gray level, white where v < threshold (docs/method.md §5.4: b = [v < g], the pixels a flat gray g turns on).
// cycle = 1 shows a slice of the golden-ratio animation: the gray is frac(m * scale + offset) (temporal_view.h).
// A mask with channels (binding 0 interleaved, from planeOffset) shows channels 0, 1, 2 as R, G, B (a missing
// channel black; the alpha channel of RGBA is not shown).
struct StudioMaskViewPush {
  uint width;
  uint height;
  float scale;
  float offset;
  float threshold;
  uint cycle;
  uint channels;
  uint planeOffset;
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
// Over time (temporal_view.h): with slices > 1, the frame of slice s thresholds with the mask's slice s
// (maskSlices > 1) or frac(t + s * sliceStep), the golden-ratio animation of a still mask, and compareMode 3 shows
// right of the split the mean of the frames of slices slice, slice - 1, ... (wrapping) under the weights of
// binding 4. Colour (channels > 1, interleaved): colour channel c thresholds with mask channel c mod channels;
// compareMode 4 shows right of the split mask channel 0 in every colour channel (one scalar mask for R, G, B).

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
  float sliceStep;         // threshold offset per slice (the golden ratio's fraction); unused with maskSlices > 1
  uint maskSlices;         // slices in binding 1 (1: a 2D mask)
  uint channels;           // values per pixel in binding 1
  uint compareChannels;    // values per pixel in binding 2
  uint weightCount;        // frames in the accumulation (compareMode 3)
  uint invertGreen;        // 1: a single-channel mask dithers G with 1 - v (docs/method.md §11.3)
};
SD_END_NAMESPACE
#endif

// The GPU passes behind the three views, recorded after the optimizer's steps in the frame's command buffer:
//   source   the running optimizer's mask (floats or ranks) -> the views' mask, values in [0, 1)
//   FFT      the views' mask -> its half spectrum (the core's VkFFT plan, a plan of the studio's own)
//   matrix   mask -> gray pixels           spectrum  half spectrum -> centred log-power pixels (inferno)
//   photo    photo dithered with the tiled mask (split against a comparison mask or the source)
// and a copy of the half spectrum to the host for the radially averaged power plot (read after the fence).
#pragma once

#include "optimizer_session.h"
#include "view_pixels.h"
#include "settings.h"

#include "specdither/compute_kernel.h"
#include "specdither/fft_plan.h"
#include "specdither/mask.h"

#include <string>
#include <vector>

namespace specdither::studio {

struct ViewPasses {
  GpuContext* context = nullptr;
  ComputeKernel source, maskView, spectrumView, dither;

  // Sized for the mask (resizeMaskViews). viewMask holds the first channel of the slice shown (what the FFT and
  // the spectrum take); stack, for a mask with slices or channels, the whole mask (values in [0, 1), channels
  // interleaved), which the matrix view colours and the dither pass reads.
  uint32_t width = 0, height = 0, slices = 1, channels = 1;
  GpuBuffer viewMask, spectrum, spectrumHost, maskPixels, spectrumPixels, stack;
  FftPlan* fft = nullptr;

  // The photo (setPhoto) and the comparison mask (setCompareMask).
  uint32_t photoWidth = 0, photoHeight = 0;
  GpuBuffer photo, photoPixels;
  uint32_t compareWidth = 0, compareHeight = 0, compareChannels = 1;
  GpuBuffer compare;
  bool hasCompare = false;
  GpuBuffer weights;  // the accumulation's frame weights (host-visible, kMaxAccumulatedFrames floats)

  // What the pixels show, to skip passes whose inputs did not change (a paused mask costs no GPU time).
  uint64_t drawnVersion = 0;    // OptimizerSession::viewVersion the mask/spectrum pixels belong to
  uint64_t contentVersion = 1;  // bumped by setPhoto, setCompareMask, resizeMaskViews
  uint64_t drawnContent = 0;
  float drawnDb[2] = {0, 0};
  float drawnThreshold = -1;
  int drawnSlice[2] = {-1, -1};  // the matrix view's slice and slice count
  int drawnStackSlice = -1;      // a stacked mask: the slice in viewMask
  struct DitherKey {
    int bits = 0, compare = -1;
    bool luma = false, invertedGreen = false;
    float split = -1;
    int rect[4] = {0, 0, 0, 0};
    int slices = 0, slice = 0;
    std::vector<float> weights;
    bool operator==(const DitherKey& o) const {
      return bits == o.bits && compare == o.compare && luma == o.luma && invertedGreen == o.invertedGreen &&
             split == o.split && rect[0] == o.rect[0] && rect[1] == o.rect[1] && rect[2] == o.rect[2] &&
             rect[3] == o.rect[3] && slices == o.slices && slice == o.slice && weights == o.weights;
    }
  } drawnDither;
  bool copiedSpectrum = false;  // this frame copies the spectrum to the host

  // From the last completed frame's spectrum (collectViewPasses).
  std::vector<float> radialPower;  // periodogram ring means, ring i = round(rho * min(W, H)); white noise = 1
  double variance = 1.0 / 12.0;    // of the views' mask (Parseval, from the spectrum); scales the periodogram
  bool spectrumValid = false;
};

// Setup. Returns false with *error when a kernel cannot be made (a bug) — kept as a check, not an abort.
void createViewPasses(GpuContext* context, ViewPasses* views);
void destroyViewPasses(ViewPasses& views);

// (Re)allocates what depends on the mask's shape (slices > 1: a spatiotemporal mask). Device idle. Returns false
// with *error when the FFT plan fails.
bool resizeMaskViews(ViewPasses& views, uint32_t width, uint32_t height, uint32_t slices, uint32_t channels,
                     std::string* error);
// Uploads a photo (packed RGBA8, R in the low byte). Device idle.
void setPhoto(ViewPasses& views, uint32_t width, uint32_t height, const std::vector<uint32_t>& rgba);
// Uploads the comparison mask (2D, values in [0, 1), one channel or several: colour channel c thresholds with
// mask channel c mod channels); an empty mask removes it. Device idle.
void setCompareMask(ViewPasses& views, const Mask& mask);

// Records the view passes whose inputs changed since they last ran (maskVersion: OptimizerSession::viewVersion).
// A source with slices shows its own (settings.time.slices is then ignored); a 2D one is animated by golden-ratio
// offsets when settings.time.slices > 1.
// Ends with the barrier that makes the pixels visible to the display pipeline's fragment shader and the
// spectrum copy visible to the host.
void recordViewPasses(VkCommandBuffer cmd, ViewPasses& views, const MaskSource& source, uint64_t maskVersion,
                      const ViewSettings& settings);

// After the frame's fence: the radial average and the variance from the copied spectrum.
void collectViewPasses(ViewPasses& views);

ViewPixels maskPixels(const ViewPasses& views);
ViewPixels spectrumPixels(const ViewPasses& views);
ViewPixels photoPixels(const ViewPasses& views);

}  // namespace specdither::studio

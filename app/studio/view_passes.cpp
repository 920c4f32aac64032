#include "view_passes.h"

#include "studio_shared.h"
#include "temporal_view.h"

#include <algorithm>
#include <cmath>

namespace specdither::studio {

namespace {

void destroyIfSet(GpuContext* c, GpuBuffer& b) {
  if (b.buffer) destroyBuffer(c, b);
  b = GpuBuffer();
}

}  // namespace

void createViewPasses(GpuContext* c, ViewPasses* v) {
  v->context = c;
  v->source = createKernel(c, "studio_mask_source", 2, sizeof(gpu::StudioMaskSourcePush), SD_STUDIO_GROUP_X,
                           SD_STUDIO_GROUP_Y);
  v->maskView = createKernel(c, "studio_mask_view", 2, sizeof(gpu::StudioMaskViewPush), SD_STUDIO_GROUP_X,
                             SD_STUDIO_GROUP_Y);
  v->spectrumView = createKernel(c, "studio_spectrum_view", 2, sizeof(gpu::StudioSpectrumViewPush), SD_STUDIO_GROUP_X,
                                 SD_STUDIO_GROUP_Y);
  v->dither = createKernel(c, "studio_dither", 5, sizeof(gpu::StudioDitherPush), SD_STUDIO_GROUP_X, SD_STUDIO_GROUP_Y);
  // A placeholder so the dither pass always has a binding for the comparison mask.
  v->compare = createBuffer(c, 16, MemoryKind::DeviceLocal);
  // Written by the host while recording a frame: the previous frame, the only other reader, has completed.
  v->weights = createBuffer(c, kMaxAccumulatedFrames * sizeof(float), MemoryKind::HostVisible);
}

void destroyViewPasses(ViewPasses& v) {
  GpuContext* c = v.context;
  if (!c) return;
  if (v.fft) destroyFftPlan(v.fft);
  for (GpuBuffer* b : {&v.viewMask, &v.spectrum, &v.spectrumHost, &v.maskPixels, &v.spectrumPixels, &v.stack, &v.photo,
                       &v.photoPixels, &v.compare, &v.weights})
    destroyIfSet(c, *b);
  for (ComputeKernel* k : {&v.source, &v.maskView, &v.spectrumView, &v.dither}) destroyKernel(c, *k);
  v = ViewPasses();
}

bool resizeMaskViews(ViewPasses& v, uint32_t width, uint32_t height, uint32_t slices, uint32_t channels,
                     std::string* error) {
  if (v.width == width && v.height == height && v.slices == slices && v.channels == channels && v.fft) return true;
  GpuContext* c = v.context;
  if (v.fft) destroyFftPlan(v.fft);
  v.fft = nullptr;
  for (GpuBuffer* b : {&v.viewMask, &v.spectrum, &v.spectrumHost, &v.maskPixels, &v.spectrumPixels, &v.stack})
    destroyIfSet(c, *b);
  v.width = width;
  v.height = height;
  v.slices = std::max(slices, 1u);
  v.channels = std::max(channels, 1u);
  const VkDeviceSize n = VkDeviceSize(width) * height;
  if (v.slices > 1 || v.channels > 1) v.stack = createBuffer(c, n * v.slices * v.channels * 4, MemoryKind::DeviceLocal);
  v.viewMask = createBuffer(c, fftRealBufferBytes(width, height), MemoryKind::DeviceLocal);
  v.spectrum = createBuffer(c, halfSpectrumBytes(width, height), MemoryKind::DeviceLocal);
  v.spectrumHost = createBuffer(c, halfSpectrumBytes(width, height), MemoryKind::HostVisible);
  v.maskPixels = createBuffer(c, n * 4, MemoryKind::DeviceLocal);
  v.spectrumPixels = createBuffer(c, n * 4, MemoryKind::DeviceLocal);
  // The FFT reads the whole (padded) real buffer: define every byte once.
  submitAndWait(c, [&](VkCommandBuffer cmd) { recordFillBuffer(cmd, v.viewMask, 0); });
  v.fft = createFftPlan(c, width, height, FftDirection::Forward, v.viewMask, v.spectrum, error);
  v.spectrumValid = false;
  v.radialPower.clear();
  v.contentVersion++;
  return v.fft != nullptr;
}

void setPhoto(ViewPasses& v, uint32_t width, uint32_t height, const std::vector<uint32_t>& rgba) {
  destroyIfSet(v.context, v.photo);
  destroyIfSet(v.context, v.photoPixels);
  v.photoWidth = width;
  v.photoHeight = height;
  v.photo = createBuffer(v.context, VkDeviceSize(width) * height * 4, MemoryKind::DeviceLocal);
  v.photoPixels = createBuffer(v.context, VkDeviceSize(width) * height * 4, MemoryKind::DeviceLocal);
  uploadBuffer(v.context, v.photo, rgba.data(), rgba.size() * 4);
  v.contentVersion++;
}

void setCompareMask(ViewPasses& v, const Mask& mask) {
  destroyIfSet(v.context, v.compare);
  v.hasCompare = !mask.values.empty();  // a 2D baseline, one channel or several
  v.compareWidth = mask.shape.width;
  v.compareHeight = mask.shape.height;
  v.compareChannels = std::max(mask.shape.channels, 1u);
  v.compare = createBuffer(v.context, v.hasCompare ? mask.valueCount() * 4 : 16, MemoryKind::DeviceLocal);
  if (v.hasCompare) uploadBuffer(v.context, v.compare, mask.values.data(), mask.values.size() * 4);
  v.contentVersion++;
}

void recordViewPasses(VkCommandBuffer cmd, ViewPasses& v, const MaskSource& src, uint64_t maskVersion,
                      const ViewSettings& settings) {
  v.copiedSpectrum = false;
  if (!src.buffer || !v.fft || src.width != v.width || src.height != v.height || src.slices != v.slices ||
      src.channels != v.channels)
    return;
  const uint32_t w = v.width, h = v.height, channels = v.channels;
  const bool stacked = v.slices > 1;
  const TemporalView& time = settings.time;
  const int slices = stacked ? int(v.slices) : std::clamp(time.slices, 1, kMaxAnimationSlices);
  const int slice = std::clamp(time.frame, 0, slices - 1);
  // A stacked mask's slice is what the matrix, the spectrum and the FFT show: a new slice is a new mask to them.
  const bool maskChanged = maskVersion != v.drawnVersion || v.drawnContent != v.contentVersion ||
                           (stacked && slice != v.drawnStackSlice);
  const bool rangeChanged = settings.spectrumDbMin != v.drawnDb[0] || settings.spectrumDbMax != v.drawnDb[1];
  const float threshold = settings.showThreshold ? std::max(settings.threshold, 1e-6f) : 0.0f;
  const bool thresholdChanged = threshold != v.drawnThreshold || slice != v.drawnSlice[0] || slices != v.drawnSlice[1];
  ViewPasses::DitherKey key;
  key.bits = settings.bits;
  key.compare = int(settings.compare);
  key.luma = settings.luma;
  key.invertedGreen = settings.invertedGreen;
  key.split = settings.splitColumn >= 0 ? float(settings.splitColumn) : -1.0f - settings.split;
  // The rectangle to dither: what is on screen, or the whole photo when the panel has not said.
  const int* r = settings.visible;
  const bool whole = r[0] >= r[2] || r[1] >= r[3];
  key.rect[0] = whole ? 0 : std::clamp(r[0], 0, int(v.photoWidth));
  key.rect[1] = whole ? 0 : std::clamp(r[1], 0, int(v.photoHeight));
  key.rect[2] = whole ? int(v.photoWidth) : std::clamp(r[2], 0, int(v.photoWidth));
  key.rect[3] = whole ? int(v.photoHeight) : std::clamp(r[3], 0, int(v.photoHeight));
  key.slices = slices;
  key.slice = slice;
  if (settings.compare == CompareMode::Accumulated) key.weights = accumulationWeights(time);
  const bool ditherChanged = maskChanged || !(key == v.drawnDither);
  if (!maskChanged && !rangeChanged && !ditherChanged && !thresholdChanged) return;

  if (maskChanged) {
    recordComputeBarrier(cmd);  // the optimizer's last step wrote its mask -> the source pass reads it
    const uint32_t plane = w * h;
    gpu::StudioMaskSourcePush sourcePush = {w, h, src.ranks ? 1u : 0u, src.scale, src.offset, plane, 0, 1};
    if (v.stack.buffer) {  // every slice and channel, for the dither pass
      gpu::StudioMaskSourcePush all = sourcePush;
      all.width = w * channels;
      all.height = h * v.slices;
      recordDispatch(cmd, v.source, {src.buffer, &v.stack}, all, all.width, all.height);
      // The FFT and the spectrum: the slice's first channel.
      sourcePush.sourceOffset = (stacked ? uint32_t(slice) : 0u) * plane * channels;
      sourcePush.sourceStride = channels;
      v.drawnStackSlice = slice;
    }
    recordDispatch(cmd, v.source, {src.buffer, &v.viewMask}, sourcePush, w, h);
    recordComputeBarrier(cmd);  // the views' mask written -> FFT, matrix and dither passes read it
    recordFft(cmd, v.fft);
  }
  if (maskChanged || thresholdChanged) {
    const bool golden = !stacked && slices > 1;
    const float offset = golden ? float(std::fmod(slice * kGoldenRatioStep, 1.0)) : 0.0f;
    // A colour mask shows its channels as colours, from the whole mask.
    const bool colour = channels > 1;
    const uint32_t planeOffset = colour && stacked ? uint32_t(slice) * w * h * channels : 0;
    gpu::StudioMaskViewPush maskPush = {w, h, 1.0f, offset, threshold, golden ? 1u : 0u, channels, planeOffset};
    recordDispatch(cmd, v.maskView, {colour ? &v.stack : &v.viewMask, &v.maskPixels}, maskPush, w, h);
    v.drawnThreshold = threshold;
    v.drawnSlice[0] = slice;
    v.drawnSlice[1] = slices;
  }
  if (ditherChanged && v.photoWidth && key.rect[2] > key.rect[0] && key.rect[3] > key.rect[1]) {
    gpu::StudioDitherPush d = {};
    d.width = v.photoWidth;
    d.height = v.photoHeight;
    d.originX = uint32_t(key.rect[0]);
    d.originY = uint32_t(key.rect[1]);
    d.maskWidth = w;
    d.maskHeight = h;
    d.maskScale = 1.0f;
    d.maskOffset = 0.0f;
    d.compareWidth = std::max(v.compareWidth, 1u);
    d.compareHeight = std::max(v.compareHeight, 1u);
    d.compareScale = 1.0f;
    d.compareOffset = 0.0f;
    d.compareMode = settings.compare == CompareMode::Source                 ? 2u
                    : settings.compare == CompareMode::Accumulated          ? 3u
                    : settings.compare == CompareMode::OneMaskForRgb        ? 4u
                    : settings.compare != CompareMode::None && v.hasCompare ? 1u
                                                                            : 0u;
    const long column = settings.splitColumn >= 0 ? settings.splitColumn
                                                  : std::lround(std::clamp(settings.split, 0.0f, 1.0f) * v.photoWidth);
    d.splitX = d.compareMode ? uint32_t(std::clamp<long>(column, 0, v.photoWidth)) : v.photoWidth;
    d.levels = 1u << std::clamp(settings.bits, 1, 8);
    d.luma = settings.luma ? 1u : 0u;
    d.invertGreen = settings.invertedGreen ? 1u : 0u;
    d.slices = uint32_t(slices);
    d.slice = uint32_t(slice);
    d.sliceStep = float(kGoldenRatioStep);
    d.maskSlices = v.slices;
    d.channels = channels;
    d.compareChannels = v.compareChannels;
    d.weightCount = uint32_t(key.weights.size());
    std::copy(key.weights.begin(), key.weights.end(), static_cast<float*>(v.weights.mapped));
    recordDispatch(cmd, v.dither,
                   {&v.photo, v.stack.buffer ? &v.stack : &v.viewMask, &v.compare, &v.photoPixels, &v.weights}, d,
                   uint32_t(key.rect[2] - key.rect[0]), uint32_t(key.rect[3] - key.rect[1]));
    v.drawnDither = key;
  }
  if (maskChanged || rangeChanged) {
    recordComputeBarrier(cmd);  // the FFT's spectrum written -> the spectrum pass and the host copy read it
    gpu::StudioSpectrumViewPush spectrumPush = {};
    spectrumPush.width = w;
    spectrumPush.height = h;
    spectrumPush.powerScale = float(1.0 / (double(w) * h * std::max(v.variance, 1e-12)));
    spectrumPush.dbMin = settings.spectrumDbMin;
    spectrumPush.dbMax = std::max(settings.spectrumDbMax, settings.spectrumDbMin + 1.0f);
    spectrumPush.hideDc = 1;
    recordDispatch(cmd, v.spectrumView, {&v.spectrum, &v.spectrumPixels}, spectrumPush, w, h);
    v.drawnDb[0] = settings.spectrumDbMin;
    v.drawnDb[1] = settings.spectrumDbMax;
  }
  if (maskChanged) {
    recordCopyBuffer(cmd, v.spectrum, v.spectrumHost, halfSpectrumBytes(w, h));
    v.copiedSpectrum = true;
  }
  v.drawnVersion = maskVersion;
  v.drawnContent = v.contentVersion;

  // Pixels written by the compute passes -> read by the display pipeline's fragment shader in this frame's
  // render pass; the spectrum copy -> read by the host after the frame's fence.
  recordMemoryBarrier(cmd, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                      VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT,
                      VK_PIPELINE_STAGE_FRAGMENT_SHADER_BIT | VK_PIPELINE_STAGE_HOST_BIT,
                      VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_HOST_READ_BIT);
}

void collectViewPasses(ViewPasses& v) {
  if (!v.copiedSpectrum || !v.spectrumHost.mapped) return;
  v.spectrumValid = true;
  const uint32_t w = v.width, h = v.height, half = w / 2 + 1;
  const float* x = static_cast<const float*>(v.spectrumHost.mapped);
  const double n = double(w) * h;
  // The half spectrum holds columns kx = 0 .. W/2; the others are their mirror images (Hermitian symmetry),
  // so every column but 0 and (for even W) W/2 counts twice.
  const uint32_t side = std::min(w, h);
  const uint32_t rings = side / 2 + 1;
  std::vector<double> sum(rings, 0.0), count(rings, 0.0);
  double total = 0;
  for (uint32_t ky = 0; ky < h; ++ky) {
    const double fy = double(ky <= h / 2 ? int(ky) : int(ky) - int(h)) / h;
    for (uint32_t kx = 0; kx < half; ++kx) {
      if (kx == 0 && ky == 0) continue;
      const float re = x[2 * (size_t(ky) * half + kx)], im = x[2 * (size_t(ky) * half + kx) + 1];
      const double power = double(re) * re + double(im) * im;
      const double weight = (kx == 0 || (w % 2 == 0 && kx == w / 2)) ? 1.0 : 2.0;
      total += weight * power;
      const double fx = double(kx) / w;
      const long ring = std::lround(std::sqrt(fx * fx + fy * fy) * side);
      if (ring < long(rings)) {
        sum[ring] += weight * power;
        count[ring] += weight;
      }
    }
  }
  // Parseval: sum_{k != 0} |X_k|^2 = N^2 var.
  const double variance = std::max(total / (n * n), 1e-20);
  // The spectrum pixels were scaled with the previous estimate: redraw them when it moved (NaN never equals
  // the dB range, so the next recordViewPasses runs the spectrum pass).
  if (std::fabs(variance - v.variance) > 1e-3 * v.variance) v.drawnDb[0] = NAN;
  v.variance = variance;
  v.radialPower.assign(rings, 0.0f);
  for (uint32_t i = 1; i < rings; ++i)
    v.radialPower[i] = count[i] > 0 ? float(sum[i] / count[i] / (n * v.variance)) : 0.0f;
}

ViewPixels maskPixels(const ViewPasses& v) { return {v.maskPixels.buffer, v.width, v.height}; }
ViewPixels spectrumPixels(const ViewPasses& v) { return {v.spectrumPixels.buffer, v.width, v.height}; }
ViewPixels photoPixels(const ViewPasses& v) { return {v.photoPixels.buffer, v.photoWidth, v.photoHeight}; }

}  // namespace specdither::studio

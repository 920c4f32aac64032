#include "specdither/swap_optimizer.h"

#include "specdither/compute_kernel.h"
#include "specdither/gpu_buffer.h"
#include "hvs/stack_energy.h"
#include "swap_shared.h"
#include "swap/swap_internal.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace specdither {

struct SwapOptimizer {
  GpuContext* context = nullptr;
  uint32_t width = 0, height = 0, pixelCount = 0;  // pixelCount: N, the pixels of one slice
  uint32_t slices = 1;
  SwapParams params;
  HvsEnergyModel model;
  uint32_t proposalCount = 0;
  uint32_t padX = 0, padY = 0, paddedWidth = 0, paddedHeight = 0;
  uint64_t pass = 0;
  uint64_t proposedSinceTake = 0;
  uint32_t statsSeen[SD_SWAP_STAT_COUNT] = {};  // counter values at the last takeSwapStats

  ComputeKernel propose, apply, refresh;
  GpuBuffer ranks, padded, pixelOfRank, offsets, kernelO, kernelBox, phi, proposals, claims, stats, statsHost;

  // The temporal term of a stack (docs/method.md §8.3): its model, the fields Q and what keeps them current.
  bool temporal = false;
  StackTemporalModel temporalModel;
  ComputeKernel temporalChanges, temporalFields;
  GpuBuffer temporalOffsets, ranksBefore, changed, crossSlice;
  // The fields Q, chunkSlices whole slices a buffer (one storage binding each: a stack's fields may outgrow the
  // device's maxStorageBufferRange; on lavapipe 128 MiB); without a temporal term one placeholder.
  std::vector<GpuBuffer> fieldChunks;
  uint32_t chunkSlices = 1;

  // The linear term of a colour channel (docs/method.md §11.2): F per value, in units of uniform level weights;
  // the GPU holds it times the level weights' total (levelWeightTotal), so re-weightings keep its share.
  std::vector<double> linearField;
  double levelWeightTotal = 1;
  GpuBuffer linearFieldBuffer;

  size_t valueCount() const { return size_t(pixelCount) * slices; }
  // The slices of fields chunk k: the first, and how many (the last chunk may hold fewer).
  uint32_t chunkBegin(size_t k) const { return uint32_t(k) * chunkSlices; }
  uint32_t chunkCount(size_t k) const { return std::min(chunkSlices, slices - chunkBegin(k)); }
};

namespace {

uint64_t fieldChunkLimitForTests = 0;

// Floats per rank in the Phi table: the sigma count padded to the vector the propose pass loads it as
// (SD_SWAP_PHI_ROW of swap_propose_<S>.comp).
size_t swapPhiStride(size_t sigmaCount) { return sigmaCount <= 2 ? 2 : 4; }

void recordRefresh(VkCommandBuffer cmd, SwapOptimizer* o) {
  const uint32_t phiStride = uint32_t(swapPhiStride(o->model.sigmas.size()));
  gpu::SwapRefreshPush push = {o->width, o->height,     o->paddedWidth, o->paddedHeight, o->padX,
                               o->padY,  o->pixelCount, phiStride,      o->slices};
  recordDispatch(cmd, o->refresh, {&o->ranks, &o->padded, &o->claims, &o->phi}, push,
                 std::max(o->pixelCount, o->paddedWidth * o->paddedHeight) * o->slices);
}

// The ranks and their inverse (per slice: the pixel of the slice holding each rank), without the padded rows
// that the next refresh derives from them.
void uploadRanks(SwapOptimizer* o, const std::vector<uint32_t>& ranks) {
  std::vector<uint32_t> inverse(o->valueCount());
  for (size_t s = 0; s < o->slices; ++s)
    for (uint32_t i = 0; i < o->pixelCount; ++i) inverse[s * o->pixelCount + ranks[s * o->pixelCount + i]] = i;
  uploadBuffer(o->context, o->ranks, ranks.data(), o->valueCount() * 4);
  uploadBuffer(o->context, o->pixelOfRank, inverse.data(), o->valueCount() * 4);
}

// The temporal fields of these ranks, built on the CPU in double precision and uploaded as floats, and the ranks
// they belong to (setup time and every re-weighting, which also resets the floats' accumulated rounding).
void uploadTemporalFields(SwapOptimizer* o, const std::vector<uint32_t>& ranks) {
  for (size_t k = 0; k < o->fieldChunks.size(); ++k) {  // a chunk at a time: a stack's fields may take GiBs
    const std::vector<double> q = stackTemporalFields(o->temporalModel, ranks, o->chunkBegin(k), o->chunkCount(k));
    const std::vector<float> fields(q.begin(), q.end());
    uploadBuffer(o->context, o->fieldChunks[k], fields.data(), fields.size() * 4);
  }
  uploadBuffer(o->context, o->ranksBefore, ranks.data(), ranks.size() * 4);
}

// The pairs across slices weigh K_t(o) = temporalWeight * (N / L) * sum_sigma K_sigma(o) mean_t w_(sigma,t): what
// the within-slice energy gives a pair at offset o when its level weights are spread evenly over the L levels
// (docs/method.md §8.2). Uploads the offset table.
void updateTemporalKernel(SwapOptimizer* o) {
  StackTemporalModel& t = o->temporalModel;
  const HvsEnergyModel& m = o->model;
  const double n = double(o->pixelCount);
  t.kernel.assign(t.offsets.size(), 0.0);
  for (size_t s = 0; s < m.sigmas.size(); ++s) {
    double meanWeight = 0;
    for (double w : m.levelWeights[s]) meanWeight += w / n;
    for (size_t k = 0; k < t.offsets.size(); ++k)
      t.kernel[k] += o->params.temporalWeight * n / t.levels * meanWeight *
                     m.kernel[s][torusIndex(t.offsets[k].dx, t.offsets[k].dy, o->width, o->height)];
  }
  std::vector<int32_t> table;
  for (size_t k = 0; k < t.offsets.size(); ++k) {
    const float weight = float(t.kernel[k]);
    int32_t bits;
    std::memcpy(&bits, &weight, 4);
    table.insert(table.end(), {t.offsets[k].dx, t.offsets[k].dy, bits, 0});
  }
  uploadBuffer(o->context, o->temporalOffsets, table.data(), table.size() * 4);
}

// After the passes moved ranks: the fields of the columns that changed (one invocation per slice and pixel, no
// two writing the same entry), then the ranks they now belong to.
void recordTemporalUpdate(VkCommandBuffer cmd, SwapOptimizer* o) {
  const uint32_t words = (o->slices + 31) / 32;
  gpu::SwapTemporalPush push = {o->pixelCount, o->slices, o->temporalModel.levels, words, 0, o->slices};
  recordDispatch(cmd, o->temporalChanges, {&o->ranks, &o->ranksBefore, &o->changed}, push, o->pixelCount);
  recordComputeBarrier(cmd);
  for (size_t k = 0; k < o->fieldChunks.size(); ++k) {  // chunks own disjoint fields: no barrier between them
    push.sliceBegin = o->chunkBegin(k);
    push.sliceCount = o->chunkCount(k);
    recordDispatch(cmd, o->temporalFields,
                   {&o->ranks, &o->ranksBefore, &o->changed, &o->crossSlice, &o->fieldChunks[k]}, push,
                   push.sliceCount * o->pixelCount);
  }
  recordComputeBarrier(cmd);
  recordCopyBuffer(cmd, o->ranks, o->ranksBefore, o->valueCount() * 4);
}

void uploadLinearField(SwapOptimizer* o) {
  std::vector<float> scaled(o->linearField.size());
  for (size_t i = 0; i < scaled.size(); ++i) scaled[i] = float(o->levelWeightTotal * o->linearField[i]);
  uploadBuffer(o->context, o->linearFieldBuffer, scaled.data(), scaled.size() * 4);
}

void recordPropose(VkCommandBuffer cmd, SwapOptimizer* o, uint64_t pass, float temperature, bool evaluateOnly) {
  const SwapParams& p = o->params;
  gpu::SwapProposePush push = {};
  push.width = o->width;
  push.height = o->height;
  push.paddedWidth = o->paddedWidth;
  push.padX = o->padX;
  push.padY = o->padY;
  push.pixelCount = o->pixelCount;
  push.offsetCount = uint32_t(o->model.offsets.size());
  push.seedLow = uint32_t(p.seed);
  push.seedHigh = uint32_t(p.seed >> 32);
  push.pass = uint32_t(pass);
  push.randomThreshold = fraction24(p.randomPartner);
  push.rankThreshold = fraction24(p.randomPartner + p.rankPartner);
  push.rankWindow = std::max<uint32_t>(1, std::min(p.rankWindow, o->pixelCount - 1));
  push.neighbourRadius = p.neighbourRadius;
  push.temperature = temperature;
  push.evaluateOnly = evaluateOnly ? 1 : 0;
  push.slices = o->slices;
  push.paddedPlane = o->paddedWidth * o->paddedHeight;
  push.temporalOffsetCount = o->temporal ? uint32_t(o->temporalModel.offsets.size()) : 0;
  push.levels = o->temporalModel.levels;
  push.linearField = o->linearField.empty() ? 0 : 1;
  // One dispatch per chunk of the fields, its share of the proposals by its slices (no barrier between them:
  // they read the same state and claim through atomics, as one dispatch would). Without a temporal term or a
  // linear field, small placeholders stand in for their buffers (never read).
  const uint32_t chunks = uint32_t(o->fieldChunks.size());
  for (uint32_t k = 0; k < chunks; ++k) {
    push.sliceBegin = o->chunkBegin(k);
    push.sliceCount = o->chunkCount(k);
    push.proposalBase = uint32_t(uint64_t(o->proposalCount) * push.sliceBegin / o->slices);
    push.proposalCount = uint32_t(uint64_t(o->proposalCount) * (push.sliceBegin + push.sliceCount) / o->slices) -
                         push.proposalBase;
    recordDispatch(
        cmd, o->propose,
        {&o->ranks, &o->padded, &o->pixelOfRank, &o->offsets, &o->kernelO, &o->kernelBox, &o->phi, &o->proposals,
         &o->claims, &o->stats, &o->temporalOffsets, &o->fieldChunks[k], &o->linearFieldBuffer},
        push, push.proposalCount);
  }
}

}  // namespace

std::string checkSwapParams(const MaskShape& shape, const SwapParams& params) {
  std::string refusal = checkMaskShape(shape);
  if (!refusal.empty()) return refusal;
  if (shape.channels != 1) return "the swap stage works on single-channel masks, not " + toString(shape);
  if (shape.slices > 256) return "the swap stage takes 1 to 256 slices, not " + std::to_string(shape.slices);
  auto within = [](double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; };
  if (shape.planeSize() > (1u << 22)) return "mask too large for the swap stage (more than 2^22 pixels)";
  if (shape.pixelCount() > (1u << 24)) return "stack too large for the swap stage (more than 2^24 pixels)";
  if (shape.slices > 1) {
    refusal = checkTemporalFilter(params.temporal, shape.slices);
    if (!refusal.empty()) return refusal;
    if (!within(params.temporalWeight, 0, 100)) return "the temporal weight must lie in [0, 100]";
    if (params.temporalLevels < 2 || params.temporalLevels > 256) return "the temporal levels must lie in [2, 256]";
  }
  if (params.sigmas.empty() || params.sigmas.size() > SD_SWAP_MAX_SIGMAS)
    return "the swap stage takes 1 to " + std::to_string(SD_SWAP_MAX_SIGMAS) + " sigmas";
  if (params.sigmaWeights.size() != params.sigmas.size())
    return "one weight per sigma is needed (" + std::to_string(params.sigmas.size()) + " sigmas, " +
           std::to_string(params.sigmaWeights.size()) + " weights)";
  double weightSum = 0;
  for (double w : params.sigmaWeights) {
    if (!(w >= 0 && std::isfinite(w))) return "sigma weights must be finite and >= 0";
    weightSum += w;
  }
  if (!(weightSum > 0)) return "at least one sigma weight must be > 0";
  for (double s : params.sigmas)
    if (!(s > 0 && s < 64)) return "sigmas must lie in (0, 64)";
  if (params.start == SwapStart::VoidAndCluster && !(params.startSigma > 0 && params.startSigma < 64))
    return "the start sigma must lie in (0, 64)";
  if (!(params.proposalsPerPixel > 0 && params.proposalsPerPixel <= 1)) return "proposals per pixel must lie in (0, 1]";
  if (params.neighbourRadius < 1 || params.neighbourRadius >= std::min(shape.width, shape.height))
    return "the neighbour radius must lie in [1, min(width, height) - 1]";
  if (!(params.radiusInStd > 0 && params.radiusInStd <= 8)) return "the gather radius must lie in (0, 8] std";
  if (!within(params.startTemperature, 0, 1e6)) return "the temperature must be a finite number >= 0";
  if (!(params.endRatio > 0 && params.endRatio <= 1)) return "the temperature's end ratio must lie in (0, 1]";
  if (!within(params.coolingFraction, 0, 1)) return "the cooling fraction must lie in [0, 1]";
  if (!within(params.startRampQuantile, 0, 1)) return "the start's ramp quantile must lie in [0, 1]";
  if (!within(params.uniformShare, 0, 1)) return "the uniform share of the level weights must lie in [0, 1]";
  return "";
}

SwapOptimizer* createSwapOptimizer(GpuContext* context, const MaskShape& shape, const SwapParams& params,
                                   std::string* error) {
  auto fail = [&](const std::string& message) -> SwapOptimizer* {
    if (error) *error = message;
    return nullptr;
  };
  const std::string refusal = checkSwapParams(shape, params);
  if (!refusal.empty()) return fail(refusal);
  const uint32_t width = shape.width, height = shape.height;
  const bool temporal = shape.slices > 1 && params.temporalWeight > 0;
  // The largest buffers: Phi (N rows of swapPhiStride floats), the padded rows (a slice's Phi rows and their
  // margins, every slice), the temporal fields (L floats per pixel of every slice, in chunks of whole slices).
  const uint64_t limit = context->properties.limits.maxStorageBufferRange;
  const uint64_t chunkLimit = fieldChunkLimitForTests ? std::min(limit, fieldChunkLimitForTests) : limit;
  const uint64_t sliceFieldBytes = shape.planeSize() * uint64_t(params.temporalLevels) * 4;
  if (uint64_t(width) * height * swapPhiStride(params.sigmas.size()) * 4 * shape.slices * 2 > limit ||
      (temporal && sliceFieldBytes > chunkLimit))
    return fail("mask too large for this device's storage buffers with " + std::to_string(params.sigmas.size()) +
                " sigmas" + (temporal ? " and " + std::to_string(params.temporalLevels) + " temporal levels" : ""));

  SwapOptimizer* o = new SwapOptimizer();
  o->context = context;
  o->width = width;
  o->height = height;
  o->pixelCount = width * height;
  o->slices = shape.slices;
  o->params = params;
  const double sigmaMax = *std::max_element(params.sigmas.begin(), params.sigmas.end());
  o->model = createHvsEnergyModel({width, height}, params.sigmas, hvsOffsetRadius(sigmaMax, params.radiusInStd));
  // The passes' loops per invocation (loopsFitDevice): the propose pass loops over the gather offsets with an
  // inner loop per sigma, then (stacks) once more over them and the own column; the apply pass twice over the
  // offsets; the temporal fields' update at most T - 1 times over L - 1 levels (255 x 255, within any limit).
  const uint64_t temporalLoop = temporal ? o->model.offsets.size() + 1 : 0;
  if (!loopsFitDevice(context, uint64_t(o->model.offsets.size()) * (params.sigmas.size() + 1) + temporalLoop)) {
    const size_t offsets = o->model.offsets.size();
    delete o;
    return fail("a gather of " + std::to_string(offsets) + " offsets (sigma " + std::to_string(sigmaMax) + " over " +
                std::to_string(params.radiusInStd) + " std) " + cpuDeviceLoopLimitNote() +
                ": use a smaller sigma or gather radius there, or a GPU");
  }
  o->proposalCount = std::max<uint32_t>(1, uint32_t(std::lround(params.proposalsPerPixel * o->valueCount())));
  for (const HvsOffset& off : o->model.offsets) {
    o->padX = std::max<uint32_t>(o->padX, uint32_t(std::abs(off.dx)));
    o->padY = std::max<uint32_t>(o->padY, uint32_t(std::abs(off.dy)));
  }
  o->paddedWidth = width + 2 * o->padX;
  o->paddedHeight = height + 2 * o->padY;

  // One propose shader per sigma count (swap_propose_<S>.comp): a compile-time count keeps the sums in registers.
  const std::string proposeName = "swap_propose_" + std::to_string(params.sigmas.size());
  o->propose = createKernel(context, proposeName.c_str(), 13, sizeof(gpu::SwapProposePush), SD_SWAP_GROUP_SIZE);
  o->apply = createKernel(context, "swap_apply", 6, sizeof(gpu::SwapApplyPush), SD_SWAP_GROUP_SIZE);
  o->refresh = createKernel(context, "swap_refresh", 4, sizeof(gpu::SwapRefreshPush), SD_SWAP_GROUP_SIZE);

  const size_t n = o->pixelCount, sigmaCount = params.sigmas.size(), offsetCount = o->model.offsets.size();
  const size_t values = o->valueCount();
  o->ranks = createBuffer(context, values * 4, MemoryKind::DeviceLocal);
  o->padded = createBuffer(context,
                           VkDeviceSize(o->paddedWidth) * o->paddedHeight * swapPhiStride(sigmaCount) * 4 * o->slices,
                           MemoryKind::DeviceLocal);
  o->pixelOfRank = createBuffer(context, values * 4, MemoryKind::DeviceLocal);
  o->offsets = createBuffer(context, offsetCount * 16, MemoryKind::DeviceLocal);
  o->kernelO = createBuffer(context, offsetCount * sigmaCount * 4, MemoryKind::DeviceLocal);
  const size_t boxCount = size_t(2 * o->padX + 1) * (2 * o->padY + 1);
  o->kernelBox = createBuffer(context, boxCount * sigmaCount * 4, MemoryKind::DeviceLocal);
  o->phi = createBuffer(context, n * swapPhiStride(sigmaCount) * 4, MemoryKind::DeviceLocal);
  o->proposals = createBuffer(context, VkDeviceSize(o->proposalCount) * 16, MemoryKind::DeviceLocal);
  o->claims = createBuffer(context, values * 4, MemoryKind::DeviceLocal);
  o->linearFieldBuffer = createBuffer(context, 16, MemoryKind::DeviceLocal);  // placeholder until a field is set
  // The temporal term (or placeholders for its bindings).
  o->temporal = temporal;
  StackTemporalModel& t = o->temporalModel;
  t.width = width;
  t.height = height;
  t.slices = o->slices;
  t.levels = params.temporalLevels;
  if (temporal) {
    t.offsets = o->model.offsets;
    t.offsets.push_back({0, 0});  // the pixel's own column in the other slices
    // R over its sum across slices: weight 1 gives the pairs across slices, all together, the weight of the
    // pairs within a slice, whatever the filter and T (docs/method.md §8.2).
    const std::vector<double> r = temporalAutocorrelation(params.temporal, o->slices);
    double across = 0;
    for (uint32_t d = 1; d < o->slices; ++d) across += r[d];
    t.crossSlice.resize(o->slices);
    for (uint32_t d = 0; d < o->slices; ++d) t.crossSlice[d] = d == 0 || across <= 0 ? 0.0 : r[d] / across;
    const std::vector<float> crossSlice(t.crossSlice.begin(), t.crossSlice.end());
    o->temporalChanges = createKernel(context, "swap_temporal_changes", 3, sizeof(gpu::SwapTemporalPush),
                                      SD_SWAP_GROUP_SIZE);
    o->temporalFields = createKernel(context, "swap_temporal_fields", 5, sizeof(gpu::SwapTemporalPush),
                                     SD_SWAP_GROUP_SIZE);
    o->temporalOffsets = createBuffer(context, t.offsets.size() * 16, MemoryKind::DeviceLocal);
    o->chunkSlices = uint32_t(std::min<uint64_t>(o->slices, chunkLimit / sliceFieldBytes));
    const size_t chunks = (o->slices + o->chunkSlices - 1) / o->chunkSlices;
    for (size_t k = 0; k < chunks; ++k)
      o->fieldChunks.push_back(
          createBuffer(context, size_t(o->chunkCount(k)) * n * t.levels * 4, MemoryKind::DeviceLocal));
    o->ranksBefore = createBuffer(context, values * 4, MemoryKind::DeviceLocal);
    o->changed = createBuffer(context, size_t(n) * ((o->slices + 31) / 32) * 4, MemoryKind::DeviceLocal);
    o->crossSlice = createBuffer(context, o->slices * 4, MemoryKind::DeviceLocal);
    uploadBuffer(context, o->crossSlice, crossSlice.data(), crossSlice.size() * 4);
  } else {
    o->temporalOffsets = createBuffer(context, 16, MemoryKind::DeviceLocal);
    o->chunkSlices = o->slices;
    o->fieldChunks.push_back(createBuffer(context, 16, MemoryKind::DeviceLocal));
  }
  // Counters live in device memory (atomics over PCIe would be slow on discrete GPUs) and are copied out at the
  // end of every recording.
  o->stats = createBuffer(context, SD_SWAP_STAT_COUNT * 4, MemoryKind::DeviceLocal);
  o->statsHost = createBuffer(context, SD_SWAP_STAT_COUNT * 4, MemoryKind::HostVisible);
  std::memset(o->statsHost.mapped, 0, SD_SWAP_STAT_COUNT * 4);
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordFillBuffer(cmd, o->stats, 0); });

  std::vector<int32_t> offsetTable;
  std::vector<float> kO, kBox(boxCount * sigmaCount, 0.0f);
  for (const HvsOffset& off : o->model.offsets) {
    offsetTable.insert(offsetTable.end(), {off.dy * int32_t(o->paddedWidth) + off.dx, off.dx, off.dy, 0});
    const size_t box = size_t(off.dy + int32_t(o->padY)) * (2 * o->padX + 1) + size_t(off.dx + int32_t(o->padX));
    for (size_t s = 0; s < sigmaCount; ++s) {
      const float k = float(o->model.kernelInO[s][torusIndex(off.dx, off.dy, width, height)]);
      kO.push_back(k);
      kBox[box * sigmaCount + s] = k;
    }
  }
  uploadBuffer(context, o->offsets, offsetTable.data(), offsetTable.size() * 4);
  uploadBuffer(context, o->kernelO, kO.data(), kO.size() * 4);
  uploadBuffer(context, o->kernelBox, kBox.data(), kBox.size() * 4);

  std::vector<uint32_t> identity(values);
  for (size_t i = 0; i < values; ++i) identity[i] = uint32_t(i % n);
  uploadRanks(o, identity);
  // Builds the Phi table and, from it and the ranks, the padded rows (and the temporal kernel and fields).
  setSwapLevelWeights(o, o->model.levelWeights);
  return o;
}

void destroySwapOptimizer(SwapOptimizer* o) {
  if (!o) return;
  GpuContext* c = o->context;
  destroyKernel(c, o->propose);
  destroyKernel(c, o->apply);
  destroyKernel(c, o->refresh);
  if (o->temporal) {
    destroyKernel(c, o->temporalChanges);
    destroyKernel(c, o->temporalFields);
    for (GpuBuffer* b : {&o->ranksBefore, &o->changed, &o->crossSlice}) destroyBuffer(c, *b);
  }
  for (GpuBuffer* b : {&o->ranks, &o->padded, &o->pixelOfRank, &o->offsets, &o->kernelO, &o->kernelBox, &o->phi,
                       &o->proposals, &o->claims, &o->stats, &o->statsHost, &o->temporalOffsets, &o->linearFieldBuffer})
    destroyBuffer(c, *b);
  for (GpuBuffer& b : o->fieldChunks) destroyBuffer(c, b);
  delete o;
}

const HvsEnergyModel& swapEnergyModel(const SwapOptimizer* o) { return o->model; }
void setSwapFieldChunkLimitForTests(uint64_t bytes) { fieldChunkLimitForTests = bytes; }
uint32_t swapFieldChunks(const SwapOptimizer* o) { return uint32_t(o->fieldChunks.size()); }
GpuContext* swapContext(const SwapOptimizer* o) { return o->context; }
const SwapParams& swapParams(const SwapOptimizer* o) { return o->params; }
uint64_t swapPassCount(const SwapOptimizer* o) { return o->pass; }

void setSwapRanks(SwapOptimizer* o, const std::vector<uint32_t>& ranks) {
  uploadRanks(o, ranks);
  if (o->temporal) uploadTemporalFields(o, ranks);
  submitAndWait(o->context, [&](VkCommandBuffer cmd) { recordRefresh(cmd, o); });
}

void setSwapLevelWeights(SwapOptimizer* o, const std::vector<std::vector<double>>& weights) {
  // The propose pass needs Phi non-increasing in the rank (swap_propose.glsl): non-negative weights.
  for (const std::vector<double>& w : weights)
    for (double x : w)
      if (!(x >= 0)) {
        std::fprintf(stderr, "internal error: swap level weights must be >= 0 (got %g)\n", x);
        std::abort();
      }
  setHvsLevelWeights(o->model, weights);
  o->levelWeightTotal = 0;
  for (const std::vector<double>& w : o->model.levelWeights)
    for (double x : w) o->levelWeightTotal += x;
  if (!o->linearField.empty()) uploadLinearField(o);
  const size_t n = o->pixelCount;
  const size_t sigmaCount = o->model.sigmas.size();
  const size_t stride = swapPhiStride(sigmaCount);
  std::vector<float> table(n * stride, 0.0f);  // [r * stride + s]: the S values of a rank, one vector load
  for (size_t s = 0; s < sigmaCount; ++s) {
    // Only differences of Phi enter dE. Phi spans ~2 ln N / rho units while neighbouring ranks differ by ~4/N of
    // that: centring Phi at the middle rank keeps float's resolution where most differences are taken.
    const double centre = o->model.phi[s][n / 2];
    for (size_t r = 0; r < n; ++r) table[r * stride + s] = float(o->model.phi[s][r] - centre);
  }
  uploadBuffer(o->context, o->phi, table.data(), table.size() * 4);
  if (o->temporal) {
    updateTemporalKernel(o);
    uploadTemporalFields(o, readSwapRanks(o));
  }
  submitAndWait(o->context, [&](VkCommandBuffer cmd) { recordRefresh(cmd, o); });  // the padded Phi rows
}

void recordSwapPasses(VkCommandBuffer cmd, SwapOptimizer* o, uint32_t count, const float* temperatures) {
  gpu::SwapApplyPush applyPush = {o->width,
                                  o->height,
                                  o->proposalCount,
                                  uint32_t(o->model.offsets.size()),
                                  uint32_t(o->params.conflictRule),
                                  o->pixelCount,
                                  o->temporal ? 1u : 0u};
  for (uint32_t k = 0; k < count; ++k) {
    recordPropose(cmd, o, o->pass, temperatures[k], false);
    recordComputeBarrier(cmd);  // claims and proposals complete before any winner is decided
    recordDispatch(cmd, o->apply, {&o->ranks, &o->pixelOfRank, &o->proposals, &o->claims, &o->offsets, &o->stats},
                   applyPush, o->proposalCount);
    recordComputeBarrier(cmd);  // swapped ranks before the padded copy; claims read before they are released
    recordRefresh(cmd, o);
    if (o->temporal) {
      recordTemporalUpdate(cmd, o);  // reads the swapped ranks (the barrier above)
      recordComputeBarrier(cmd);
    }
    recordComputeBarrier(cmd);  // padded ranks and released claims before the next pass' gathers
    ++o->pass;
    o->proposedSinceTake += o->proposalCount;
  }
  recordCopyBuffer(cmd, o->stats, o->statsHost, SD_SWAP_STAT_COUNT * 4);
  recordHostReadBarrier(cmd);
}

void recordSwapEvaluation(VkCommandBuffer cmd, SwapOptimizer* o) {
  recordPropose(cmd, o, o->pass, 0.0f, true);
  recordHostReadBarrier(cmd);
}

std::vector<SwapProposal> readSwapProposals(SwapOptimizer* o) {
  std::vector<uint32_t> raw(size_t(o->proposalCount) * 4);
  downloadBuffer(o->context, o->proposals, raw.data(), raw.size() * 4);
  std::vector<SwapProposal> out(o->proposalCount);
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].p = raw[4 * i];
    out[i].q = raw[4 * i + 1];
    std::memcpy(&out[i].delta, &raw[4 * i + 2], 4);
    out[i].state = raw[4 * i + 3];
  }
  return out;
}

SwapStats takeSwapStats(SwapOptimizer* o) {
  const uint32_t* counters = static_cast<const uint32_t*>(o->statsHost.mapped);
  SwapStats s;
  s.proposed = o->proposedSinceTake;
  // Unsigned differences stay right across a wrap of the 32-bit counters.
  s.accepted = uint32_t(counters[SD_SWAP_STAT_ACCEPTED] - o->statsSeen[SD_SWAP_STAT_ACCEPTED]);
  s.applied = uint32_t(counters[SD_SWAP_STAT_APPLIED] - o->statsSeen[SD_SWAP_STAT_APPLIED]);
  std::memcpy(o->statsSeen, counters, sizeof(o->statsSeen));
  o->proposedSinceTake = 0;
  return s;
}

std::vector<uint32_t> readSwapRanks(SwapOptimizer* o) {
  std::vector<uint32_t> ranks(o->valueCount());
  downloadBuffer(o->context, o->ranks, ranks.data(), ranks.size() * 4);
  return ranks;
}

const GpuBuffer& swapRanksBuffer(const SwapOptimizer* o) { return o->ranks; }

Mask readSwapMask(SwapOptimizer* o) { return maskFromRanks({{o->width, o->height, o->slices}, readSwapRanks(o)}); }

void setSwapLinearField(SwapOptimizer* o, const std::vector<double>& field) {
  if (field.size() != o->valueCount()) {
    std::fprintf(stderr, "internal error: a linear field needs %zu values, got %zu\n", o->valueCount(), field.size());
    std::abort();
  }
  if (o->linearField.empty()) {
    destroyBuffer(o->context, o->linearFieldBuffer);
    o->linearFieldBuffer = createBuffer(o->context, field.size() * 4, MemoryKind::DeviceLocal);
  }
  o->linearField = field;
  uploadLinearField(o);
}

double swapLinearEnergy(const SwapOptimizer* o, const std::vector<uint32_t>& ranks) {
  double e = 0;
  for (size_t i = 0; i < o->linearField.size(); ++i) e += double(ranks[i]) * o->linearField[i];
  return o->levelWeightTotal * e;
}

uint32_t swapSlices(const SwapOptimizer* o) { return o->slices; }
const StackTemporalModel* swapTemporalModel(const SwapOptimizer* o) {
  return o->temporal ? &o->temporalModel : nullptr;
}

}  // namespace specdither

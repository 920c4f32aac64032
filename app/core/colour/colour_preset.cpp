#include "specdither/colour_preset.h"

#include "specdither/stack_preset.h"
#include "specdither/swap_start_selection.h"
#include "swap/swap_internal.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace specdither {

std::string checkColourParams(const MaskShape& shape, const ColourParams& p) {
  if (shape.channels < 2 || shape.channels > 4)
    return "colour masks have 2 to 4 channels, not " + std::to_string(shape.channels);
  if (shape.slices > 1 && p.refineSweeps > 0)
    return "the joint refining sweeps are for 2D colour masks, not stacks (a colour stack's cross terms are the "
           "arrangement's, docs/method.md §11.6)";
  if (!(std::isfinite(p.coupling) && p.coupling >= 0 && p.coupling <= 100))
    return "the channel coupling must lie in [0, 100]";
  if (p.refineSweeps > 8) return "at most 8 refining sweeps";
  for (double s : {p.eye.lumaSigma, p.eye.chromaSigma})
    if (!(s > 0 && s < 64)) return "the colour eye model's sigmas must lie in (0, 64)";
  return "";
}

uint32_t colourPresetRuns(const MaskShape& shape, const ColourParams& p) {
  // The inverted-green start derives G and B from channel 0 without a run of their own.
  const uint32_t derived = p.start == ColourStart::InvertedGreen ? std::min<uint32_t>(2, shape.channels - 1) : 0;
  return shape.channels - derived + shape.channels * (p.coupling > 0 ? p.refineSweeps : 0);
}

Mask runColourPreset(GpuContext* context, const MaskShape& shape, const SwapParams& params, const ColourParams& colour,
                     const ColourProgressFn& progress, std::string* error) {
  *error = checkColourParams(shape, colour);
  if (!error->empty()) return Mask();
  // Each channel is the scalar preset's mask of its shape: a 2D mask, or a stack of slices.
  const MaskShape channelShape = {shape.width, shape.height, shape.slices};
  SwapParams resolved = params;
  if (resolved.passes == 0) resolved.passes = defaultSwapPasses(channelShape);
  const uint32_t runs = colourPresetRuns(shape, colour);
  std::vector<std::vector<uint32_t>> ranks(shape.channels);  // empty: not made yet
  uint32_t run = 0;
  // One swap run of channel c from `start`, with the colour field of the channels made so far.
  auto runChannel = [&](uint32_t c, const SwapParams& runParams, const std::vector<uint32_t>& start) {
    SwapOptimizer* o = createSwapOptimizer(context, channelShape, runParams, error);
    if (!o) return false;
    setSwapRanks(o, start);
    if (colour.coupling > 0 && shape.slices == 1) {  // the cross terms' field is a 2D mask's (§11.2)
      std::vector<std::vector<uint32_t>> others = ranks;
      others[c].clear();
      std::vector<double> field = colourChannelField(colour.eye, channelShape, c, others);
      for (double& f : field) f *= colour.coupling;
      // Channel 0 before any other exists, and alpha, which the eye model does not see, have no field: their
      // passes stay the 2D preset's, without the term's lookups.
      if (std::any_of(field.begin(), field.end(), [](double f) { return f != 0; })) setSwapLinearField(o, field);
    }
    bool stopped = false;
    runSwapSchedule(o, [&](const SwapProgress& p) {
      stopped = progress && !progress(run, runs, p);
      return !stopped;
    });
    ranks[c] = readSwapRanks(o);
    destroySwapOptimizer(o);
    ++run;
    return !stopped;
  };
  bool going = true;
  for (uint32_t c = 0; c < shape.channels && going; ++c) {
    if (colour.start == ColourStart::InvertedGreen && (c == 1 || c == 2)) {
      const size_t n = channelShape.planeSize();  // ranks are per slice
      ranks[c] = ranks[0];
      if (c == 1)
        for (uint32_t& r : ranks[c]) r = uint32_t(n - 1 - r);
      continue;
    }
    SwapParams channelParams = resolved;
    channelParams.seed = stackSliceSeed(resolved.seed, c);
    const std::vector<uint32_t> start = chooseSwapStart(channelShape, channelParams, error, [&](double done) {
      if (!progress) return;
      SwapProgress p;
      p.phase = SwapPhase::Start;
      p.startDone = done;
      p.passes = channelParams.passes;
      progress(run, runs, p);
    });
    if (start.empty()) return Mask();
    going = runChannel(c, channelParams, start);
    if (!error->empty()) return Mask();
  }
  for (const std::vector<uint32_t>& r : ranks)
    if (r.empty()) return *error = "stopped before every channel was made", Mask();
  SwapParams refine = resolved;
  refine.startTemperature = 0;
  refine.passes = std::max<uint32_t>(1, resolved.passes / 4);
  for (uint32_t sweep = 0; colour.coupling > 0 && sweep < colour.refineSweeps && going; ++sweep)
    for (uint32_t c = 0; c < shape.channels && going; ++c) {
      refine.seed = stackSliceSeed(resolved.seed, c) ^ (uint64_t(sweep + 1) << 40);
      going = runChannel(c, refine, ranks[c]);
      if (!error->empty()) return Mask();
    }
  RankGrid grid;
  grid.shape = shape;
  grid.ranks.resize(shape.valueCount());
  for (uint32_t c = 0; c < shape.channels; ++c)
    for (size_t i = 0; i < channelShape.pixelCount(); ++i) grid.ranks[i * shape.channels + c] = ranks[c][i];
  return maskFromRanks(grid);
}

Mask colourFromOneMask(const Mask& scalar, uint32_t channels, bool invertGreen) {
  if (scalar.shape.channels != 1)
    throw std::invalid_argument("a fixed colour relation takes a single-channel mask, not " + toString(scalar.shape));
  Mask out;
  out.shape = {scalar.shape.width, scalar.shape.height, scalar.shape.slices, channels};
  out.values.resize(out.shape.valueCount());
  for (size_t i = 0; i < scalar.values.size(); ++i)
    for (uint32_t c = 0; c < channels; ++c)
      out.values[i * channels + c] = invertGreen && c == 1 ? 1.0f - scalar.values[i] : scalar.values[i];
  return rankNormalized(out);
}

}  // namespace specdither

// Colour masks (colour_model.h, colour_preset.h, colour_metrics.h): the colour field against the literal
// cross-channel energy in double precision, the GPU swap dE with that field against the whole energy before and
// after, the colour flat-field error against a direct computation of its definition, and the preset's masks.
#include "gpu_test.h"
#include "hvs/hvs_kernel.h"
#include "specdither/colour_metrics.h"
#include "specdither/colour_model.h"
#include "specdither/colour_preset.h"
#include "specdither/hvs_levels.h"
#include "hvs/hvs_levels_internal.h"
#include "swap/swap_internal.h"

#include <algorithm>
#include <cmath>

using namespace specdither;

namespace {

// E_x of docs/method.md §11.2, literally: (1/N^2) sum_(c != c') sum_a M M sum_(x, y) K_a(x - y) u_c(x) u_c'(y).
double literalCrossEnergy(const ColourEyeModel& eye, const MaskShape& plane,
                          const std::vector<std::vector<uint32_t>>& ranks) {
  const size_t n = plane.planeSize();
  const auto m = colourOpponentMatrix(uint32_t(ranks.size()));
  double e = 0;
  for (uint32_t a = 0; a < kColourAxes; ++a) {
    const std::vector<double> k = hvsAutocorrelation(plane, colourAxisSigma(eye, a));
    for (size_t c = 0; c < ranks.size(); ++c)
      for (size_t d = 0; d < ranks.size(); ++d) {
        if (c == d || m[a][c] * m[a][d] == 0) continue;
        for (size_t x = 0; x < n; ++x)
          for (size_t y = 0; y < n; ++y) {
            const int64_t dx = int64_t(x % plane.width) - int64_t(y % plane.width);
            const int64_t dy = int64_t(x / plane.width) - int64_t(y / plane.width);
            e += m[a][c] * m[a][d] * k[torusIndex(dx, dy, plane.width, plane.height)] * (0.5 * (n - 1) - ranks[c][x]) *
                 (0.5 * (n - 1) - ranks[d][y]);
          }
      }
  }
  return e / (double(n) * double(n));
}

std::vector<std::vector<uint32_t>> randomChannels(uint32_t channels, size_t n, uint64_t seed) {
  std::vector<std::vector<uint32_t>> ranks;
  for (uint32_t c = 0; c < channels; ++c) ranks.push_back(shuffledRanks(n, seed + 7 * c));
  return ranks;
}

double linear(const std::vector<uint32_t>& r, const std::vector<double>& f) {
  double e = 0;
  for (size_t i = 0; i < r.size(); ++i) e += double(r[i]) * f[i];
  return e;
}

class ColourGpu : public test::GpuTest {};

}  // namespace

TEST(ColourModel, FieldIsTheCrossEnergysPartOfOneChannel) {
  const MaskShape plane = {9, 7};
  const ColourEyeModel eye;
  for (uint32_t channels : {2u, 3u, 4u}) {
    std::vector<std::vector<uint32_t>> ranks = randomChannels(channels, plane.planeSize(), 3);
    for (uint32_t c = 0; c < channels; ++c) {
      const std::vector<double> field = colourChannelField(eye, plane, c, ranks);
      const double before = literalCrossEnergy(eye, plane, ranks);
      const double linearBefore = linear(ranks[c], field);
      for (uint32_t trial = 0; trial < 5; ++trial) {
        std::vector<std::vector<uint32_t>> moved = ranks;
        std::swap(moved[c][trial], moved[c][(trial * 17 + 11) % plane.planeSize()]);
        const double change = literalCrossEnergy(eye, plane, moved) - before;
        EXPECT_NEAR(linear(moved[c], field) - linearBefore, change, 1e-9 * (1 + std::fabs(change)))
            << channels << " channels, channel " << c;
      }
    }
  }
}

TEST(ColourModel, AFixedRelationThatCancelsLumaHasTheLowerCrossEnergy) {
  // R = B and G = 1 - R cancel most of the luma error; the same mask in every channel adds it up.
  const MaskShape plane = {8, 8};
  const std::vector<uint32_t> r = shuffledRanks(64, 5);
  std::vector<uint32_t> inverse(64);
  for (size_t i = 0; i < 64; ++i) inverse[i] = 63 - r[i];
  const ColourEyeModel eye;
  EXPECT_LT(literalCrossEnergy(eye, plane, {r, inverse, r}), literalCrossEnergy(eye, plane, {r, r, r}));
}

TEST_F(ColourGpu, SwapDeltasWithTheColourFieldMatchTheWholeEnergy) {
  const MaskShape plane = {12, 10};
  const size_t n = plane.planeSize();
  SwapParams params;
  params.proposalsPerPixel = 1.0;
  params.seed = 23;
  std::string error;
  SwapOptimizer* o = createSwapOptimizer(context, plane, params, &error);
  ASSERT_NE(o, nullptr) << error;
  std::vector<std::vector<uint32_t>> ranks = randomChannels(3, n, 41);
  setSwapRanks(o, ranks[1]);
  setSwapLevelWeights(o, hvsBalancedWeights({plane, ranks[1]}, params.sigmas, params.sigmaWeights, 31));
  std::vector<double> field = colourChannelField(ColourEyeModel(), plane, 1, ranks);
  for (double& f : field) f *= 3.0;  // a coupling of 3: the term matters next to the channel's own
  setSwapLinearField(o, field);
  submitAndWait(context, [&](VkCommandBuffer cmd) { recordSwapEvaluation(cmd, o); });
  const std::vector<SwapProposal> proposals = readSwapProposals(o);
  const std::vector<uint32_t> current = readSwapRanks(o);
  ASSERT_EQ(current, ranks[1]);
  const HvsEnergyModel& model = swapEnergyModel(o);
  const double before = hvsPairEnergy(model, current) + swapLinearEnergy(o, current);
  std::vector<double> reference;
  double linearShare = 0;
  for (const SwapProposal& p : proposals) {
    std::vector<uint32_t> after = current;
    std::swap(after[p.p], after[p.q]);
    reference.push_back(hvsPairEnergy(model, after) + swapLinearEnergy(o, after) - before);
    linearShare += std::fabs(swapLinearEnergy(o, after) - swapLinearEnergy(o, current));
  }
  double scale = 0;
  for (double r : reference) scale += std::fabs(r) / reference.size();
  EXPECT_GT(linearShare / reference.size(), 0.05 * scale);  // the field is not negligible in these dE
  for (size_t i = 0; i < proposals.size(); ++i)
    EXPECT_NEAR(proposals[i].delta, reference[i], 1e-4 * scale + 1e-5 * std::fabs(reference[i])) << "proposal " << i;
  destroySwapOptimizer(o);
}

// The colour flat-field error by its definition: every colour of the grid, the error images (of a stack: the
// slices' errors accumulated with the frame weights), the opponent axes, each filtered through K_a in the pixel
// domain (its DC removed), against white noise's expectation (its variance times sum_t w_t^2).
std::vector<ColourFlatField> flatFieldByDefinition(const Mask& mask, const std::vector<double>& weights,
                                                   const ColourFlatFieldOptions& options) {
  const MaskShape plane = {mask.shape.width, mask.shape.height};
  const size_t n = plane.planeSize();
  const auto m = colourOpponentMatrix(3);
  double weightPower = 0;
  for (double w : weights) weightPower += w * w;
  std::vector<ColourFlatField> out;
  for (int bits : options.bits) {
    const double steps = double((1 << bits) - 1);
    double maskMse[3] = {0, 0, 0}, whiteMse[3] = {0, 0, 0};
    const uint32_t g = options.gridLevels;
    for (uint32_t colour = 0; colour < g * g * g; ++colour) {
      const double level[3] = {double(colour % g) / (g - 1), double(colour / g % g) / (g - 1),
                               double(colour / (g * g)) / (g - 1)};
      for (uint32_t a = 0; a < 3; ++a) {
        const std::vector<double> k = hvsAutocorrelation(plane, colourAxisSigma(options.eye, a));
        std::vector<double> o(n, 0.0);
        double mean = 0, variance = 0;
        for (uint32_t c = 0; c < 3; ++c) {
          const double f = level[c] * steps - std::floor(level[c] * steps);
          variance += m[a][c] * m[a][c] * f * (1 - f) / (steps * steps) * weightPower;
          for (size_t t = 0; t < weights.size(); ++t)
            for (size_t i = 0; i < n; ++i) {
              const double v = mask.values[(t * n + i) * 3 + c];
              o[i] += weights[t] * m[a][c] *
                      (std::clamp(std::floor(level[c] * steps + v), 0.0, steps) / steps - level[c]);
            }
        }
        for (double x : o) mean += x / n;
        double e = 0;
        for (size_t x = 0; x < n; ++x)
          for (size_t y = 0; y < n; ++y)
            e += k[torusIndex(int64_t(x % plane.width) - int64_t(y % plane.width),
                              int64_t(x / plane.width) - int64_t(y / plane.width), plane.width, plane.height)] *
                 (o[x] - mean) * (o[y] - mean);
        maskMse[a] += e / n;
        whiteMse[a] += variance * (k[0] - 1.0 / n);
      }
    }
    out.push_back({bits,
                   10 * std::log10((maskMse[0] + maskMse[1] + maskMse[2]) / (whiteMse[0] + whiteMse[1] + whiteMse[2])),
                   10 * std::log10(maskMse[0] / whiteMse[0]),
                   10 * std::log10((maskMse[1] + maskMse[2]) / (whiteMse[1] + whiteMse[2]))});
  }
  return out;
}

Mask randomColourMask(const MaskShape& shape, uint64_t seed) {
  RankGrid grid;
  grid.shape = shape;
  grid.ranks.resize(shape.valueCount());
  const size_t n = shape.planeSize();
  for (uint32_t t = 0; t < shape.slices; ++t)
    for (uint32_t c = 0; c < shape.channels; ++c) {
      const std::vector<uint32_t> r = shuffledRanks(n, seed + 7 * t + c);
      for (size_t i = 0; i < n; ++i) grid.ranks[(t * n + i) * shape.channels + c] = r[i];
    }
  return maskFromRanks(grid);
}

void expectFigures(const std::vector<ColourFlatField>& fast, const std::vector<ColourFlatField>& reference) {
  ASSERT_EQ(fast.size(), reference.size());
  for (size_t b = 0; b < fast.size(); ++b) {
    EXPECT_EQ(fast[b].bits, reference[b].bits);
    EXPECT_NEAR(fast[b].totalDb, reference[b].totalDb, 1e-9) << fast[b].bits << " bits";
    EXPECT_NEAR(fast[b].lumaDb, reference[b].lumaDb, 1e-9);
    EXPECT_NEAR(fast[b].chromaDb, reference[b].chromaDb, 1e-9);
  }
}

TEST(ColourMetrics, FlatFieldErrorMatchesItsDefinition) {
  const Mask mask = randomColourMask({8, 6, 1, 3}, 90);
  ColourFlatFieldOptions options;
  options.gridLevels = 5;  // levels j / 4: fractional at 1 and 2 bits
  const std::vector<ColourFlatField> fast = colourFlatFieldError(mask, options);
  ASSERT_EQ(fast.size(), 2u);
  expectFigures(fast, flatFieldByDefinition(mask, {1.0}, options));
}

// A colour stack's accumulated error (the analysis of colour stacks): any frame weights over the first slices,
// each slice alone included, against the definition; and one slice alone is that slice's own 2D figure.
TEST(ColourMetrics, AccumulatedErrorOfAStackMatchesItsDefinition) {
  const Mask stack = randomColourMask({8, 6, 4, 3}, 120);
  ColourFlatFieldOptions options;
  options.gridLevels = 5;
  const std::vector<std::vector<double>> weights = {{0.0, 1.0}, {0.25, 0.25, 0.25, 0.25}, {0.6, 0.3, 0.1}};
  const std::vector<std::vector<ColourFlatField>> fast = colourAccumulatedError(stack, weights, options);
  ASSERT_EQ(fast.size(), weights.size());
  for (size_t w = 0; w < weights.size(); ++w) {
    SCOPED_TRACE(w);
    expectFigures(fast[w], flatFieldByDefinition(stack, weights[w], options));
  }
  expectFigures(fast[0], colourFlatFieldError(maskSlice(stack, 1), options));
  EXPECT_THROW(colourAccumulatedError(stack, {std::vector<double>(5, 0.2)}, options), std::invalid_argument);
  EXPECT_THROW(colourAccumulatedError(stack, {{}}, options), std::invalid_argument);
}

// The GPU vector swap stage (vector_swap_optimizer.h) against the CPU double reference: every proposal's dE
// against the whole energy before and after the swap, on several sizes (non-square, tiny tori where F wraps)
// and every domain; the values stay a permutation of the stratified sample; passes lower the energy.
#include "gpu_test.h"
#include "specdither/vector_swap_optimizer.h"

#include <algorithm>
#include <cmath>
#include <ostream>

using namespace specdither;

namespace {

struct Case {
  VectorDomain domain;
  uint32_t width, height;
};
void PrintTo(const Case& c, std::ostream* os) {
  *os << vectorDomainName(c.domain) << " " << c.width << "x" << c.height;
}
std::string caseName(const ::testing::TestParamInfo<Case>& info) {
  std::string name = vectorDomainName(info.param.domain);
  std::replace(name.begin(), name.end(), '-', '_');
  return name + "_" + std::to_string(info.param.width) + "x" + std::to_string(info.param.height);
}

std::vector<VectorValue> pixelValues(const std::vector<VectorValue>& table, const std::vector<uint32_t>& indices) {
  std::vector<VectorValue> out;
  for (uint32_t i : indices) out.push_back(table[i]);
  return out;
}

bool isPermutation(std::vector<uint32_t> indices) {
  std::sort(indices.begin(), indices.end());
  for (size_t i = 0; i < indices.size(); ++i)
    if (indices[i] != i) return false;
  return true;
}

VectorSwapOptimizer* makeOptimizer(GpuContext* context, const Case& c, VectorSwapParams params) {
  params.domain = c.domain;
  params.neighbourRadius = 2;
  std::string error;
  VectorSwapOptimizer* o = createVectorSwapOptimizer(context, {c.width, c.height}, params, &error);
  EXPECT_NE(o, nullptr) << error;
  return o;
}

class VectorSwapGpu : public test::GpuTest, public ::testing::WithParamInterface<Case> {};
class VectorSwapChecks : public test::GpuTest {};

}  // namespace

TEST_P(VectorSwapGpu, DeltaMatchesWholeEnergyBeforeAndAfter) {
  const Case c = GetParam();
  // FAST's K = -d, the default K = -d^(1/4) and K = -d^(1/2): each a path of its own in the propose shader (its
  // distance power is a specialization constant: d itself, two square roots, pow).
  for (double power : {1.0, 0.25, 0.5}) {
    SCOPED_TRACE(power);
    VectorSwapParams params;
    params.proposalsPerPixel = 1.0;
    params.randomPartner = 0.5;
    params.distancePower = power;
    params.seed = 5;
    VectorSwapOptimizer* o = makeOptimizer(context, c, params);
    ASSERT_NE(o, nullptr);
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordVectorSwapEvaluation(cmd, o); });
    const std::vector<VectorSwapProposal> proposals = readVectorSwapProposals(o);
    const std::vector<uint32_t> indices = readVectorSwapIndices(o);
    const std::vector<VectorValue>& table = vectorSwapValues(o);
    const std::vector<double>& filter = vectorSwapFilter(o);
    const std::vector<VectorValue> before = pixelValues(table, indices);
    const double energyBefore = vectorEnergy(c.domain, c.width, c.height, filter, before, power);
    size_t checked = 0;
    for (const VectorSwapProposal& p : proposals) {
      ASSERT_LT(p.p, before.size());
      ASSERT_LT(p.q, before.size());
      EXPECT_EQ(p.state, 0u);
      if (p.p == p.q || checked >= 24) continue;
      std::vector<VectorValue> after = before;
      std::swap(after[p.p], after[p.q]);
      const double reference = vectorEnergy(c.domain, c.width, c.height, filter, after, power) - energyBefore;
      // Float sums of ~2|O| terms of size up to the domain's diameter.
      EXPECT_NEAR(p.delta, reference, 2e-4 * (1.0 + std::fabs(reference))) << "swap " << p.p << " <-> " << p.q;
      ++checked;
    }
    EXPECT_EQ(checked, 24u);
    destroyVectorSwapOptimizer(o);
  }
}

// With the struct's proposals and with those generate runs for the domain (defaultVectorSwapParams: for vec2 and
// the hemisphere twice the proposals, most of them far, where simultaneous swaps interact more).
TEST_P(VectorSwapGpu, PassesKeepThePermutationAndLowerTheEnergy) {
  const Case c = GetParam();
  for (VectorSwapParams params : {VectorSwapParams(), defaultVectorSwapParams(c.domain, {c.width, c.height})}) {
    SCOPED_TRACE(params.proposalsPerPixel);
    params.seed = 9;
    VectorSwapOptimizer* o = makeOptimizer(context, c, params);
    ASSERT_NE(o, nullptr);
    const std::vector<VectorValue>& table = vectorSwapValues(o);
    const std::vector<double>& filter = vectorSwapFilter(o);
    const double start = vectorEnergy(c.domain, c.width, c.height, filter,
                                      pixelValues(table, readVectorSwapIndices(o)), params.distancePower);
    submitAndWait(context, [&](VkCommandBuffer cmd) { recordVectorSwapPasses(cmd, o, 40, 0.0f); });
    const std::vector<uint32_t> indices = readVectorSwapIndices(o);
    EXPECT_TRUE(isPermutation(indices));
    const double end =
        vectorEnergy(c.domain, c.width, c.height, filter, pixelValues(table, indices), params.distancePower);
    EXPECT_LT(end, start);
    destroyVectorSwapOptimizer(o);
  }
}

TEST(VectorValues, DefaultsGiveVec2AndTheHemisphereTheLongerDescent) {
  for (VectorDomain d : {VectorDomain::Square, VectorDomain::HemisphereCosine}) {
    const VectorSwapParams p = defaultVectorSwapParams(d, {128, 128});
    EXPECT_EQ(p.domain, d);
    EXPECT_EQ(p.passes, 16000u);
    EXPECT_EQ(p.proposalsPerPixel, 0.5);
    EXPECT_EQ(p.randomPartner, 0.6);
    EXPECT_EQ(defaultVectorSwapParams(d, {256, 256}).passes, 4096u);  // 2^28 / N
    EXPECT_EQ(defaultVectorSwapParams(d, {1024, 1024}).passes, 4000u);
  }
  for (VectorDomain d : {VectorDomain::Circle, VectorDomain::Sphere}) {
    const VectorSwapParams p = defaultVectorSwapParams(d, {128, 128});
    EXPECT_EQ(p.domain, d);
    EXPECT_EQ(p.passes, VectorSwapParams().passes);
    EXPECT_EQ(p.proposalsPerPixel, VectorSwapParams().proposalsPerPixel);
  }
}

INSTANTIATE_TEST_SUITE_P(Sizes, VectorSwapGpu,
                         ::testing::Values(Case{VectorDomain::Square, 16, 12}, Case{VectorDomain::Square, 8, 20},
                                           Case{VectorDomain::Square, 5, 6}, Case{VectorDomain::Circle, 16, 12},
                                           Case{VectorDomain::Circle, 7, 9}, Case{VectorDomain::Sphere, 12, 16},
                                           Case{VectorDomain::HemisphereCosine, 10, 14}),
                         caseName);

class VectorSwapRun : public test::GpuTest {};

// The coarse-to-fine schedule (--start-sigma) hands the coarse phase's permutation to the fine phase: the mask
// holds every value of the sample once, and its sigma-1 energy is below the random start's.
TEST_F(VectorSwapRun, CoarseToFineKeepsThePermutationAndLowersTheEnergy) {
  const uint32_t width = 16, height = 12;
  VectorSwapParams params;
  params.passes = 120;
  params.startSigma = 2.0;
  params.seed = 5;
  const Mask mask = runVectorSwap(context, width, height, params);
  ASSERT_EQ(mask.values.size(), size_t(width) * height * 2);
  const std::vector<VectorValue> sample = stratifiedVectorSample(VectorDomain::Square, size_t(width) * height);
  std::vector<std::pair<float, float>> expected, got;
  std::vector<VectorValue> pixels;
  for (const VectorValue& v : sample) expected.push_back({v.c[0], v.c[1]});
  for (size_t i = 0; i < size_t(width) * height; ++i) {
    got.push_back({mask.values[2 * i], mask.values[2 * i + 1]});
    VectorValue v;
    v.c[0] = mask.values[2 * i];
    v.c[1] = mask.values[2 * i + 1];
    pixels.push_back(v);
  }
  std::sort(expected.begin(), expected.end());
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, expected);
  const std::vector<double> filter = vectorFilterTable(width, height, 1.0, params.radiusInStd);
  std::vector<uint32_t> order(sample.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = uint32_t((i * 97) % order.size());  // a scrambled start
  const double scrambled = vectorEnergy(VectorDomain::Square, width, height, filter, pixelValues(sample, order));
  EXPECT_LT(vectorEnergy(VectorDomain::Square, width, height, filter, pixels), scrambled);
}

TEST(VectorValues, StratifiedSamplesLieInTheirDomains) {
  for (VectorDomain d :
       {VectorDomain::Square, VectorDomain::Circle, VectorDomain::Sphere, VectorDomain::HemisphereCosine}) {
    const std::vector<VectorValue> sample = stratifiedVectorSample(d, 1000);
    double meanZ = 0;
    for (const VectorValue& v : sample) {
      float e[4] = {0, 0, 0, 0};
      exportedComponents(d, v, e);
      if (d == VectorDomain::Square) {
        EXPECT_TRUE(e[0] >= 0 && e[0] < 1 && e[1] >= 0 && e[1] < 1);
      } else {
        EXPECT_NEAR(std::sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]), 1.0, 1e-5);
      }
      if (d == VectorDomain::HemisphereCosine) EXPECT_GE(e[2], 0.0f);
      meanZ += e[2] / 1000.0;
    }
    // Known means: 0 on the sphere, E[cos theta] = 2/3 under the cosine-weighted density.
    if (d == VectorDomain::Sphere) EXPECT_NEAR(meanZ, 0.0, 1e-3);
    if (d == VectorDomain::HemisphereCosine) EXPECT_NEAR(meanZ, 2.0 / 3.0, 1e-3);
  }
  VectorDomain parsed;
  EXPECT_TRUE(parseVectorDomain("hemisphere-cosine", &parsed));
  EXPECT_EQ(parsed, VectorDomain::HemisphereCosine);
  EXPECT_FALSE(parseVectorDomain("vec3", &parsed));
}

TEST(VectorValues, ShapesAndParametersAreChecked) {
  VectorSwapParams params;
  EXPECT_EQ(checkVectorSwapParams({16, 16}, params), "");
  EXPECT_NE(checkVectorSwapParams({2, 16}, params), "");
  EXPECT_NE(checkVectorSwapParams({16, 16, 1, 4}, params), "");
  params.sigma = 0;
  EXPECT_NE(checkVectorSwapParams({16, 16}, params), "");
  params.sigma = 1;
  params.startSigma = -1;
  EXPECT_NE(checkVectorSwapParams({16, 16}, params), "");
  params.startSigma = 2;
  params.startShare = 1.5;
  EXPECT_NE(checkVectorSwapParams({16, 16}, params), "");
}

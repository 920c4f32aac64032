// Private to the core (not installed, not exported): the parts of the swap optimizer, its schedule and its start
// selection that only the core and its tests call.
#pragma once

#include "hvs/hvs_energy.h"
#include "hvs/stack_energy.h"
#include "specdither/swap_optimizer.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace specdither {

struct SwapProposal {
  uint32_t p = 0;
  uint32_t q = 0;
  float delta = 0;     // dE as the GPU computed it
  uint32_t state = 0;  // 0 rejected, 1 accepted but lost a conflict, 2 applied
};

// The CPU model of the energy the GPU optimizes within each slice (same O, same current weights), for references
// and reports: its shape is one slice's.
const HvsEnergyModel& swapEnergyModel(const SwapOptimizer* optimizer);
uint32_t swapSlices(const SwapOptimizer* optimizer);
// The temporal term of a stack (its current kernel), nullptr when the run has none.
const StackTemporalModel* swapTemporalModel(const SwapOptimizer* optimizer);

GpuContext* swapContext(const SwapOptimizer* optimizer);
// Tests: caps the bytes of one chunk of the temporal fields below the device's storage-buffer range (0: no cap), so
// that small stacks run the chunked path; applies to optimizers created after the call. And the chunks in use.
void setSwapFieldChunkLimitForTests(uint64_t bytes);
uint32_t swapFieldChunks(const SwapOptimizer* optimizer);

// Adds the linear term E_lin = W sum_x r_x F(x) to the energy (docs/method.md §11.2), F one value per pixel of every
// slice (the layout of the ranks), W the total of the current level weights (sum over sigmas and levels), so that
// F is given in the units of uniform level weights 1/N and keeps its share through re-weightings. Setup time
// (one upload); the term stays until the optimizer is destroyed.
void setSwapLinearField(SwapOptimizer* optimizer, const std::vector<double>& field);

// E_lin of these ranks in double precision (0 without a field): the reference of the GPU's dE_lin.
double swapLinearEnergy(const SwapOptimizer* optimizer, const std::vector<uint32_t>& ranks);

const SwapParams& swapParams(const SwapOptimizer* optimizer);

// Level weights per sigma, t = 0 .. N (hvsBalancedWeights); uploads Phi (one submit).
void setSwapLevelWeights(SwapOptimizer* optimizer, const std::vector<std::vector<double>>& weights);

// Records `count` passes at the given temperatures (one per pass; <= 0 means greedy), ending with a barrier
// that makes the ranks and the statistics visible to the host.
void recordSwapPasses(VkCommandBuffer cmd, SwapOptimizer* optimizer, uint32_t count, const float* temperatures);

// Records the proposals of the next pass with their dE, without deciding or applying anything (read them with
// readSwapProposals). Does not advance the pass counter.
void recordSwapEvaluation(VkCommandBuffer cmd, SwapOptimizer* optimizer);

uint64_t swapPassCount(const SwapOptimizer* optimizer);

// The proposals of the last recorded pass or evaluation (downloads; one submit).
std::vector<SwapProposal> readSwapProposals(SwapOptimizer* optimizer);

// Median |dE| of the next pass' proposals (one evaluation submit): the scale s of the Metropolis temperature
// (docs/method.md §3.6). 0 when no proposal pairs two distinct pixels.
double medianSwapDelta(SwapOptimizer* optimizer);

// What the swap energy's reweighting approximately minimizes, as one number to rank start candidates: over
// scoreLevels levels g = j / (scoreLevels + 1), sum_sigma c_sigma * ((1 - u) * mean dB + u * dB of the mean error)
// / sum_sigma c_sigma, u = uniformShare, errors relative to white noise (up to a per-sigma constant). 2D
// single-channel ranks only (throws std::invalid_argument otherwise, as hvs_levels.h).
double swapStartScore(const RankGrid& grid, const SwapParams& params);

// The void-and-cluster seed of start candidate k of a run of seed `seed` (docs/method.md §3.7): a hash of both, so
// that the candidate sets of two seeds share no mask (with seed + k, seeds 1 and 2 shared all but one candidate,
// mostly picked the same start, and their masks were nearly the same: useless as independent channels or slices).
uint64_t swapStartCandidateSeed(uint64_t seed, uint32_t k);

// A share in [0, 1] as the 24-bit threshold the propose passes compare their partner-kind hash with.
inline uint32_t fraction24(double f) { return uint32_t(std::clamp(f, 0.0, 1.0) * 16777216.0); }

// The random permutation the preset starts from (Fisher-Yates on the counter-based hash of random_hash.h).
std::vector<uint32_t> shuffledRanks(size_t count, uint64_t seed);

}  // namespace specdither

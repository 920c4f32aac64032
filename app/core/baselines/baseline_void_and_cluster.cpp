// Void-and-cluster, R. Ulichney, "The void-and-cluster method for dither array generation", Proc. SPIE 1913
// (1993). A binary pattern's "energy" at a pixel is the sum over its 1-pixels of a toroidal Gaussian
// exp(-r^2 / (2 sigma^2)); the tightest cluster is the 1 of highest energy, the largest void the 0 of lowest.
//   Initial binary pattern: N/10 random 1s; repeatedly move the tightest cluster into the largest void until
//     the void found is where the cluster was removed.
//   Phase 1: from that pattern, remove tightest clusters one by one, ranks m-1 down to 0.
//   Phases 2 and 3: from that pattern, fill largest voids one by one, ranks m up to N-1. (Ulichney's phase 3
//     inverts the roles and picks the tightest cluster of 0s; with a kernel whose toroidal sum is the same at
//     every pixel, the 0s' energy is that sum minus the 1s' energy, so it picks the same pixel as phase 2.)
//
// Speed: each toggle updates the energy only within the kernel's support (a square of radius
// ceil(sigma sqrt(2 ln 1e6)), where the Gaussian has fallen below 1e-6; on masks smaller than the square the
// offsets wrap and their weights are summed, which is the exact toroidal kernel). The argmax/argmin come from
// tiles of 8x8 pixels, each holding its best 1 and best 0, under a tournament tree over the tiles: a toggle
// rescans the <= 16 tiles it touched and their tree paths, so a step costs O(kernel + log N), not O(N).
#include "baselines/baseline_methods.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace specdither {

namespace {

// One axis of the separable kernel: the distinct wrapped offsets and their summed weights.
struct KernelAxis {
  std::vector<uint32_t> offsets;  // in [0, n): the pixel at (p + offset) mod n
  std::vector<double> weights;
};

KernelAxis makeAxis(uint32_t n, double sigma, int radius) {
  KernelAxis axis;
  if (2 * radius + 1 >= int(n)) {
    // The support covers the axis: every offset, each weight summed over the images of the periodic axis.
    axis.offsets.resize(n);
    axis.weights.assign(n, 0.0);
    for (uint32_t o = 0; o < n; ++o) axis.offsets[o] = o;
    for (int t = -radius; t <= radius; ++t) {
      const int o = ((t % int(n)) + int(n)) % int(n);
      axis.weights[o] += std::exp(-double(t) * t / (2 * sigma * sigma));
    }
  } else {
    for (int t = -radius; t <= radius; ++t) {
      axis.offsets.push_back(uint32_t((t + int(n)) % int(n)));
      axis.weights.push_back(std::exp(-double(t) * t / (2 * sigma * sigma)));
    }
  }
  return axis;
}

struct Candidate {
  double energy;
  uint32_t index;
};

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Ties go to the lower pixel index, so the result does not depend on the tiling.
bool higher(const Candidate& a, const Candidate& b) {
  return a.energy > b.energy || (a.energy == b.energy && a.index < b.index);
}
bool lower(const Candidate& a, const Candidate& b) {
  return a.energy < b.energy || (a.energy == b.energy && a.index < b.index);
}

class VoidAndCluster {
 public:
  // Which extremum the next steps ask for: phase 1 only removes clusters, phases 2 and 3 only fill voids, so
  // each keeps just its own tree up to date (half the rescans).
  enum class Track { Both, Clusters, Voids };

  VoidAndCluster(uint32_t width, uint32_t height, double sigma) : w_(width), h_(height) {
    const int radius = int(std::ceil(sigma * std::sqrt(2 * std::log(1e6))));
    kx_ = makeAxis(width, sigma, radius);
    ky_ = makeAxis(height, sigma, radius);
    tilesX_ = (w_ + kTile - 1) / kTile;
    tilesY_ = (h_ + kTile - 1) / kTile;
    leaves_ = 1;
    while (leaves_ < size_t(tilesX_) * tilesY_) leaves_ <<= 1;
    energy_.assign(size_t(w_) * h_, 0.0);
    isOne_.assign(size_t(w_) * h_, 0);
    maxOne_.assign(2 * leaves_, {-kInf, kNone});
    minZero_.assign(2 * leaves_, {kInf, kNone});
    touchedX_.assign(tilesX_, 0);
    touchedY_.assign(tilesY_, 0);
    for (uint32_t t = 0; t < tilesX_ * tilesY_; ++t) rescanTile(t);
  }

  // Switching to Both again would need a full rescan; the algorithm never does.
  void track(Track which) { track_ = which; }

  void toggle(uint32_t pixel) {
    const uint32_t px = pixel % w_, py = pixel / w_;
    const double sign = isOne_[pixel] ? -1.0 : 1.0;
    isOne_[pixel] ^= 1;
    for (size_t j = 0; j < ky_.offsets.size(); ++j) {
      uint32_t y = py + ky_.offsets[j];
      if (y >= h_) y -= h_;
      touchedY_[y / kTile] = 1;
      double* row = energy_.data() + size_t(y) * w_;
      const double wy = sign * ky_.weights[j];
      for (size_t i = 0; i < kx_.offsets.size(); ++i) {
        uint32_t x = px + kx_.offsets[i];
        if (x >= w_) x -= w_;
        row[x] += wy * kx_.weights[i];
      }
    }
    for (size_t i = 0; i < kx_.offsets.size(); ++i) {
      uint32_t x = px + kx_.offsets[i];
      if (x >= w_) x -= w_;
      touchedX_[x / kTile] = 1;
    }
    for (uint32_t ty = 0; ty < tilesY_; ++ty) {
      if (!touchedY_[ty]) continue;
      touchedY_[ty] = 0;
      for (uint32_t tx = 0; tx < tilesX_; ++tx)
        if (touchedX_[tx]) rescanTile(ty * tilesX_ + tx);
    }
    std::fill(touchedX_.begin(), touchedX_.end(), 0);
  }

  uint32_t tightestCluster() const { return maxOne_[1].index; }
  uint32_t largestVoid() const { return minZero_[1].index; }

 private:
  static constexpr uint32_t kTile = 8;

  // Scans in increasing pixel index with strict comparisons, so the first of equal energies wins (the tie
  // rule of higher/lower); the selects compile to conditional moves, not branches on the random 0/1 pattern.
  void rescanTile(uint32_t tile) {
    const uint32_t tx = tile % tilesX_, ty = tile / tilesX_;
    const uint32_t x0 = tx * kTile, x1 = std::min(w_, x0 + kTile), y1 = std::min(h_, (ty + 1) * kTile);
    const size_t node = leaves_ + tile;
    if (track_ != Track::Voids) {
      Candidate best{-kInf, kNone};
      for (uint32_t y = ty * kTile; y < y1; ++y)
        for (uint32_t p = y * w_ + x0; p < y * w_ + x1; ++p) {
          const double e = isOne_[p] ? energy_[p] : -kInf;
          best = e > best.energy ? Candidate{e, p} : best;
        }
      maxOne_[node] = best;
      for (size_t n = node >> 1; n >= 1; n >>= 1) {
        const Candidate &a = maxOne_[2 * n], &b = maxOne_[2 * n + 1];
        maxOne_[n] = higher(b, a) ? b : a;
      }
    }
    if (track_ != Track::Clusters) {
      Candidate best{kInf, kNone};
      for (uint32_t y = ty * kTile; y < y1; ++y)
        for (uint32_t p = y * w_ + x0; p < y * w_ + x1; ++p) {
          const double e = isOne_[p] ? kInf : energy_[p];
          best = e < best.energy ? Candidate{e, p} : best;
        }
      minZero_[node] = best;
      for (size_t n = node >> 1; n >= 1; n >>= 1) {
        const Candidate &a = minZero_[2 * n], &b = minZero_[2 * n + 1];
        minZero_[n] = lower(b, a) ? b : a;
      }
    }
  }

  uint32_t w_, h_;
  KernelAxis kx_, ky_;
  uint32_t tilesX_ = 0, tilesY_ = 0;
  size_t leaves_ = 1;
  Track track_ = Track::Both;
  std::vector<double> energy_;
  std::vector<uint8_t> isOne_;
  std::vector<Candidate> maxOne_, minZero_;  // tournament trees over the tiles, root at 1
  std::vector<uint8_t> touchedX_, touchedY_;
};

}  // namespace

std::vector<uint32_t> voidAndClusterRanks(const MaskShape& shape, uint64_t seed, double sigma,
                                          const std::function<void(double)>& progress) {
  const size_t n = shape.planeSize();
  std::vector<uint32_t> ranks(n, 0);
  if (n == 1) return ranks;

  // Initial binary pattern: about 10% random 1s (Ulichney asks for a minority; 10% as in Peters' textures).
  std::mt19937_64 rng(seed);
  const std::vector<uint32_t> order = randomPermutation(n, rng);
  const size_t ones = std::max<size_t>(1, n / 10);
  VoidAndCluster prototype(shape.width, shape.height, sigma);
  for (size_t i = 0; i < ones; ++i) prototype.toggle(order[i]);
  // Swap until stable. No swap raises the pattern's energy, and only ties keep it level; the cap guards
  // against a cycle of exact ties.
  for (size_t guard = 0; guard < 16 * n; ++guard) {
    const uint32_t cluster = prototype.tightestCluster();
    prototype.toggle(cluster);
    const uint32_t gap = prototype.largestVoid();
    prototype.toggle(gap);
    if (gap == cluster) break;
  }

  // Phase 1: peel the prototype's 1s, tightest cluster first, from rank ones-1 down.
  VoidAndCluster peel = prototype;
  peel.track(VoidAndCluster::Track::Clusters);
  // Every 4096 ranks: the call costs nothing next to 4096 toggles.
  size_t placed = 0;
  auto report = [&] {
    if (progress && (++placed & 4095) == 0) progress(double(placed) / double(n));
  };
  for (size_t r = ones; r-- > 0;) {
    report();
    const uint32_t cluster = peel.tightestCluster();
    ranks[cluster] = uint32_t(r);
    peel.toggle(cluster);
  }
  // Phases 2 and 3: fill the voids, from rank ones up.
  VoidAndCluster& fill = prototype;
  fill.track(VoidAndCluster::Track::Voids);
  for (size_t r = ones; r < n; ++r) {
    report();
    const uint32_t gap = fill.largestVoid();
    ranks[gap] = uint32_t(r);
    fill.toggle(gap);
  }
  return ranks;
}

}  // namespace specdither

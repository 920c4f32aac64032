// The separable filter study's kernels and SVD initialization (Wronski 2020; docs/method.md §6.1, §6.3), on the CPU.
#include "specdither/filter/filter_kernel.h"
#include "specdither/filter/filter_svd.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace specdither {
namespace {

std::vector<double> randomMatrix(uint32_t rows, uint32_t cols, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  std::vector<double> m(size_t(rows) * cols);
  for (double& v : m) v = u(rng);
  return m;
}

double dot(const double* a, const double* b, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; ++i) s += a[i] * b[i];
  return s;
}

// Each right vector's sign: a non-negative sum, or a positive largest entry when the sum is ~0 (filter_svd.h).
bool followsSignConvention(const double* v, size_t n) {
  double sum = 0, largest = 0;
  for (size_t i = 0; i < n; ++i) {
    sum += v[i];
    if (std::abs(v[i]) > std::abs(largest)) largest = v[i];
  }
  return std::abs(sum) > 1e-9 ? sum > 0 : largest > 0;
}

// Full decomposition of random matrices of both orientations, including sizes where Eigen's BDCSVD divides and
// conquers (>= 16 columns): exact reconstruction, orthonormal factors, descending non-negative singular values.
TEST(filterSvd, DecomposesRandomMatricesExactly) {
  for (auto [rows, cols] :
       {std::pair<uint32_t, uint32_t>{7, 5}, {5, 7}, {12, 12}, {1, 4}, {4, 1}, {40, 23}, {23, 40}, {64, 64}}) {
    const std::vector<double> m = randomMatrix(rows, cols, rows * 31 + cols);
    const SvdResult s = singularValueDecomposition(m, rows, cols);
    ASSERT_EQ(s.count, std::min(rows, cols));
    for (uint32_t i = 0; i < s.count; ++i) {
      EXPECT_GE(s.singularValues[i], 0.0);
      EXPECT_TRUE(followsSignConvention(&s.right[i * cols], cols)) << rows << "x" << cols << " v_" << i;
      if (i) EXPECT_LE(s.singularValues[i], s.singularValues[i - 1]);
      for (uint32_t j = 0; j < s.count; ++j) {
        const double expected = i == j ? 1.0 : 0.0;
        EXPECT_NEAR(dot(&s.left[i * rows], &s.left[j * rows], rows), expected, 1e-12) << rows << "x" << cols;
        EXPECT_NEAR(dot(&s.right[i * cols], &s.right[j * cols], cols), expected, 1e-12) << rows << "x" << cols;
      }
    }
    for (uint32_t r = 0; r < rows; ++r)
      for (uint32_t c = 0; c < cols; ++c) {
        double v = 0;
        for (uint32_t i = 0; i < s.count; ++i) v += s.singularValues[i] * s.left[i * rows + r] * s.right[i * cols + c];
        EXPECT_NEAR(v, m[size_t(r) * cols + c], 1e-12);
      }
  }
}

// A rank-1 matrix u v^T has sigma_1 = |u| |v| and no other singular value.
TEST(filterSvd, RankOneMatrix) {
  const double u[4] = {1, -2, 0.5, 3}, v[3] = {2, 1, -1};
  std::vector<double> m(12);
  for (int r = 0; r < 4; ++r)
    for (int c = 0; c < 3; ++c) m[r * 3 + c] = u[r] * v[c];
  const SvdResult s = singularValueDecomposition(m, 4, 3);
  EXPECT_NEAR(s.singularValues[0], std::sqrt(dot(u, u, 4) * dot(v, v, 3)), 1e-12);
  EXPECT_NEAR(s.singularValues[1], 0.0, 1e-12);
  EXPECT_NEAR(s.singularValues[2], 0.0, 1e-12);
  // Sign convention: the right vector's sum is non-negative (sum of v is 2 > 0, so u keeps its sign).
  EXPECT_GT(s.left[3], 0.0);
}

// The largest singular value by a different algorithm (power iteration on K^T K) agrees.
TEST(filterSvd, TopSingularValueMatchesPowerIteration) {
  const FilterKernel disk = makeDiskKernel(50);
  const uint32_t n = 50;
  std::vector<double> x(n, 1.0), y(n);
  double lambda = 0;
  for (int it = 0; it < 500; ++it) {
    std::vector<double> kx(n, 0.0);
    for (uint32_t r = 0; r < n; ++r) kx[r] = dot(&disk.values[r * n], x.data(), n);
    for (uint32_t c = 0; c < n; ++c) {
      y[c] = 0;
      for (uint32_t r = 0; r < n; ++r) y[c] += disk.values[r * n + c] * kx[r];
    }
    lambda = std::sqrt(dot(y.data(), y.data(), n));
    for (uint32_t c = 0; c < n; ++c) x[c] = y[c] / lambda;
  }
  const SvdResult s = singularValueDecomposition(disk.values, n, n);
  EXPECT_NEAR(s.singularValues[0], std::sqrt(lambda), 1e-9 * s.singularValues[0]);
}

// The SVD initialization's rank-R reconstruction against a CPU double reference: F = sum_{r<R} sigma u v^T,
// and (Eckart-Young) its squared error is exactly the energy of the dropped singular values.
TEST(filterSvd, RankRReconstructionOfDisk) {
  const FilterKernel disk = makeDiskKernel(50);
  const SvdResult s = singularValueDecomposition(disk.values, 50, 50);
  for (uint32_t rank : {1u, 2u, 4u, 8u}) {
    const SeparableFilter f = svdSeparableFilter(disk, rank);
    ASSERT_EQ(f.params.size(), size_t(rank) * 100);
    const std::vector<double> got = reconstructFilter(f);
    double error = 0, maxDiff = 0;
    for (uint32_t y = 0; y < 50; ++y)
      for (uint32_t x = 0; x < 50; ++x) {
        double reference = 0;
        for (uint32_t r = 0; r < rank; ++r) reference += s.singularValues[r] * s.left[r * 50 + y] * s.right[r * 50 + x];
        const size_t i = y * 50 + x;
        maxDiff = std::max(maxDiff, std::abs(got[i] - reference));
        error += (got[i] - disk.values[i]) * (got[i] - disk.values[i]);
      }
    EXPECT_LT(maxDiff, 1e-12) << "rank " << rank;
    double dropped = 0;
    for (uint32_t i = rank; i < s.count; ++i) dropped += s.singularValues[i] * s.singularValues[i];
    EXPECT_NEAR(error, dropped, 1e-9 * (1 + dropped)) << "rank " << rank;
    // sqrt(sigma) on each side: |a_r| = |b_r| = sqrt(sigma_r).
    for (uint32_t r = 0; r < rank; ++r) {
      EXPECT_NEAR(dot(f.vertical(r), f.vertical(r), 50), s.singularValues[r], 1e-9);
      EXPECT_NEAR(dot(f.horizontal(r), f.horizontal(r), 50), s.singularValues[r], 1e-9);
    }
  }
  // The rank-4 approximation of the article is not exact: the disk is far from separable.
  EXPECT_GT(s.singularValues[4], 0.5);
}

// The study's hardest input, a large disk: strongly rank-deficient (mirrored rows are equal, rank ~D/2), so
// half the factors span a null space. All of them orthonormal, and the product reconstructs K.
TEST(filterSvd, LargeDiskDecomposesWithOrthonormalFactors) {
  const uint32_t n = 256;
  const FilterKernel disk = makeDiskKernel(n);
  const SvdResult s = singularValueDecomposition(disk.values, n, n);
  double orthogonality = 0, reconstruction = 0;
  for (uint32_t i = 0; i < n; ++i)
    for (uint32_t j = 0; j <= i; ++j) {
      const double expected = i == j ? 1.0 : 0.0;
      orthogonality = std::max(orthogonality, std::abs(dot(&s.left[i * n], &s.left[j * n], n) - expected));
      orthogonality = std::max(orthogonality, std::abs(dot(&s.right[i * n], &s.right[j * n], n) - expected));
    }
  for (uint32_t y = 0; y < n; ++y)
    for (uint32_t x = 0; x < n; ++x) {
      double v = 0;
      for (uint32_t i = 0; i < n; ++i) v += s.singularValues[i] * s.left[i * n + y] * s.right[i * n + x];
      reconstruction = std::max(reconstruction, std::abs(v - disk.values[size_t(y) * n + x]));
    }
  EXPECT_LT(orthogonality, 1e-12);
  EXPECT_LT(reconstruction, 1e-11);  // of entries 0 or 1, sigma_1 ~ 215
  EXPECT_TRUE(followsSignConvention(&s.right[0], n));
}

TEST(filterSvd, NonSquareKernelUsesBothSides) {
  FilterKernel k;
  k.width = 9;
  k.height = 5;
  k.values = randomMatrix(5, 9, 3);
  const SeparableFilter f = svdSeparableFilter(k, 5);  // full rank: exact
  const std::vector<double> got = reconstructFilter(f);
  for (size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], k.values[i], 1e-12);
}

TEST(filterKernel, DiskIsSymmetricAndTouchesEverySide) {
  for (uint32_t d : {3u, 4u, 50u, 51u}) {
    const FilterKernel k = makeDiskKernel(d);
    ASSERT_EQ(k.count(), size_t(d) * d);
    double area = 0;
    for (uint32_t y = 0; y < d; ++y)
      for (uint32_t x = 0; x < d; ++x) {
        const double v = k.values[y * d + x];
        EXPECT_TRUE(v == 0.0 || v == 1.0);
        EXPECT_EQ(v, k.values[x * d + y]);
        EXPECT_EQ(v, k.values[(d - 1 - y) * d + x]);
        area += v;
      }
    EXPECT_EQ(k.values[(d / 2) * d + 0], 1.0) << d;  // the middle of the left side
    if (d >= 4) EXPECT_EQ(k.values[0], 0.0) << d;    // a corner (at d = 3 the 3x3 disk is full)
    // Within a few percent of pi r^2 for the larger disks.
    if (d >= 50) EXPECT_NEAR(area / (M_PI * d * d / 4), 1.0, 0.03);
    EXPECT_NEAR(filterExportScale(k) * area, 1.0, 1e-12);
  }
  EXPECT_EQ(makeDiskKernel(2).count(), 0u);
  EXPECT_EQ(makeDiskKernel(513).count(), 0u);
}

TEST(filterKernel, ShapeChecks) {
  EXPECT_EQ(checkFilterShape(50, 50, 4), "");
  EXPECT_NE(checkFilterShape(50, 50, 0), "");
  EXPECT_NE(checkFilterShape(50, 50, 51), "");
  EXPECT_NE(checkFilterShape(2, 50, 1), "");
  EXPECT_NE(checkFilterShape(50, 600, 1), "");
  EXPECT_EQ(checkFilterShape(9, 5, 5), "");
  EXPECT_NE(checkFilterShape(9, 5, 6), "");
}

}  // namespace
}  // namespace specdither

#include "specdither/filter/filter_svd.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace specdither {

namespace {

// Orthogonalizes the n columns (m entries each, column-major, m >= n) of a in place; v accumulates the
// rotations (n x n, column-major). Returns the number of sweeps.
//   Convergence: every pair orthogonal to |a_i . a_j| <= 1e-14 |a_i| |a_j|. Columns whose norm has fallen to
//   1e-14 of the matrix norm are left alone: they are the null space (a disk has rank ~D/2, its mirrored rows
//   being equal), and rotating rounding noise against itself would never meet a relative tolerance.
//   The squared column norms are updated with each rotation (alpha - t gamma, beta + t gamma) and recomputed
//   exactly at the start of every sweep, so a pair costs one dot product instead of three.
int hestenesJacobi(std::vector<double>& a, std::vector<double>& v, size_t m, size_t n) {
  const double tolerance = 1e-14;
  const int maxSweeps = 60;
  double total = 0;
  for (double x : a) total += x * x;
  const double negligible = total * 1e-28;
  std::vector<double> norm2(n);
  int sweep = 0;
  for (; sweep < maxSweeps; ++sweep) {
    for (size_t j = 0; j < n; ++j) {
      double s = 0;
      for (size_t k = 0; k < m; ++k) s += a[j * m + k] * a[j * m + k];
      norm2[j] = s;
    }
    bool rotated = false;
    for (size_t i = 0; i + 1 < n; ++i) {
      double* ai = &a[i * m];
      for (size_t j = i + 1; j < n; ++j) {
        const double alpha = norm2[i], beta = norm2[j];
        if (alpha <= negligible || beta <= negligible) continue;
        double* aj = &a[j * m];
        double gamma = 0;
        for (size_t k = 0; k < m; ++k) gamma += ai[k] * aj[k];
        if (std::abs(gamma) <= tolerance * std::sqrt(alpha * beta)) continue;
        rotated = true;
        // The rotation that zeroes the (i, j) entry of A^T A (the smaller of the two angles).
        const double zeta = (beta - alpha) / (2 * gamma);
        const double t = (zeta >= 0 ? 1.0 : -1.0) / (std::abs(zeta) + std::sqrt(1 + zeta * zeta));
        const double c = 1 / std::sqrt(1 + t * t), s = c * t;
        for (size_t k = 0; k < m; ++k) {
          const double x = ai[k], y = aj[k];
          ai[k] = c * x - s * y;
          aj[k] = s * x + c * y;
        }
        double* vi = &v[i * n];
        double* vj = &v[j * n];
        for (size_t k = 0; k < n; ++k) {
          const double x = vi[k], y = vj[k];
          vi[k] = c * x - s * y;
          vj[k] = s * x + c * y;
        }
        norm2[i] = std::max(0.0, alpha - t * gamma);
        norm2[j] = std::max(0.0, beta + t * gamma);
      }
    }
    if (!rotated) break;
  }
  return sweep + 1;
}

}  // namespace

SvdResult jacobiSvd(const std::vector<double>& matrix, uint32_t rows, uint32_t cols) {
  // Work on the orientation with fewer columns (n = min): the cost is n^2 m per sweep, and the columns
  // (length m >= n) carry the left vectors.
  const bool transposed = cols > rows;
  const size_t m = transposed ? cols : rows, n = transposed ? rows : cols;
  std::vector<double> a(m * n), v(n * n, 0.0);
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < cols; ++c) {
      const double x = matrix[r * cols + c];
      if (transposed) a[r * m + c] = x;  // column r of A = row r of the matrix
      else a[c * m + r] = x;
    }
  for (size_t i = 0; i < n; ++i) v[i * n + i] = 1.0;

  SvdResult out;
  out.rows = rows;
  out.cols = cols;
  out.count = uint32_t(n);
  out.sweeps = hestenesJacobi(a, v, m, n);

  std::vector<double> norms(n);
  for (size_t j = 0; j < n; ++j) {
    double s = 0;
    for (size_t k = 0; k < m; ++k) s += a[j * m + k] * a[j * m + k];
    norms[j] = std::sqrt(s);
  }
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return norms[x] > norms[y]; });

  out.singularValues.resize(n);
  out.left.assign(n * rows, 0.0);
  out.right.assign(n * cols, 0.0);
  for (size_t i = 0; i < n; ++i) {
    const size_t j = order[i];
    const double sigma = norms[j];
    out.singularValues[i] = sigma;
    // A V = U S: the normalized column is the vector along the long side, V's column the one along the short.
    std::vector<double> longVec(m, 0.0), shortVec(v.begin() + j * n, v.begin() + (j + 1) * n);
    if (sigma > 0)
      for (size_t k = 0; k < m; ++k) longVec[k] = a[j * m + k] / sigma;
    std::vector<double>& u = transposed ? shortVec : longVec;   // rows entries
    std::vector<double>& w = transposed ? longVec : shortVec;   // cols entries
    double sum = 0, largest = 0;
    for (double x : w) {
      sum += x;
      if (std::abs(x) > std::abs(largest)) largest = x;
    }
    const bool flip = std::abs(sum) > 1e-9 ? sum < 0 : largest < 0;
    for (size_t k = 0; k < rows; ++k) out.left[i * rows + k] = flip ? -u[k] : u[k];
    for (size_t k = 0; k < cols; ++k) out.right[i * cols + k] = flip ? -w[k] : w[k];
  }
  return out;
}

SeparableFilter svdSeparableFilter(const FilterKernel& kernel, uint32_t rank) {
  const SvdResult svd = jacobiSvd(kernel.values, kernel.height, kernel.width);
  SeparableFilter f;
  f.rank = rank;
  f.width = kernel.width;
  f.height = kernel.height;
  f.params.assign(size_t(rank) * (f.width + f.height), 0.0);
  for (uint32_t r = 0; r < rank && r < svd.count; ++r) {
    const double root = std::sqrt(svd.singularValues[r]);
    for (uint32_t y = 0; y < f.height; ++y) f.vertical(r)[y] = root * svd.left[size_t(r) * f.height + y];
    for (uint32_t x = 0; x < f.width; ++x) f.horizontal(r)[x] = root * svd.right[size_t(r) * f.width + x];
  }
  return f;
}

}  // namespace specdither

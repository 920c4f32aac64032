#include "specdither/filter/filter_svd.h"

#include <Eigen/SVD>

#include <algorithm>
#include <cmath>

namespace specdither {

SvdResult singularValueDecomposition(const std::vector<double>& matrix, uint32_t rows, uint32_t cols) {
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const RowMajor> a(matrix.data(), rows, cols);
  // Thin factors: U is rows x count, V is cols x count, singular values descending and non-negative.
  const Eigen::BDCSVD<Eigen::MatrixXd> svd(a, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const Eigen::MatrixXd& u = svd.matrixU();
  const Eigen::MatrixXd& v = svd.matrixV();

  SvdResult out;
  out.rows = rows;
  out.cols = cols;
  out.count = std::min(rows, cols);
  out.singularValues.resize(out.count);
  out.left.resize(size_t(out.count) * rows);
  out.right.resize(size_t(out.count) * cols);
  for (uint32_t i = 0; i < out.count; ++i) {
    out.singularValues[i] = svd.singularValues()[i];
    // Each pair (u_i, v_i) is defined up to a common sign: fix it by v_i, so that the SVD initialization and
    // everything after it are reproducible.
    double sum = 0, largest = 0;
    for (uint32_t k = 0; k < cols; ++k) {
      sum += v(k, i);
      if (std::abs(v(k, i)) > std::abs(largest)) largest = v(k, i);
    }
    const double sign = (std::abs(sum) > 1e-9 ? sum < 0 : largest < 0) ? -1.0 : 1.0;
    for (uint32_t k = 0; k < rows; ++k) out.left[size_t(i) * rows + k] = sign * u(k, i);
    for (uint32_t k = 0; k < cols; ++k) out.right[size_t(i) * cols + k] = sign * v(k, i);
  }
  return out;
}

SeparableFilter svdSeparableFilter(const FilterKernel& kernel, uint32_t rank) {
  const SvdResult svd = singularValueDecomposition(kernel.values, kernel.height, kernel.width);
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

// Singular value decomposition for the separable filter study: the initialization of Wronski (2020) takes the
// first R singular triplets of the target kernel, K ~ sum_r sigma_r u_r v_r^T, and splits each sigma_r evenly
// between the vertical and horizontal 1D filters (a_r = sqrt(sigma_r) u_r, b_r = sqrt(sigma_r) v_r).
//
// Method: Eigen's BDCSVD in double precision (bidiagonalization, then divide and conquer on the bidiagonal:
// Gu & Eisenstat 1995, "A divide-and-conquer algorithm for the bidiagonal SVD"; Eigen switches to two-sided
// Jacobi below 16 columns). Reconstruction and orthogonality to ~1e-13 on a 512 disk, which it decomposes in
// 0.15 s.
#pragma once

#include "specdither/api.h"
#include "specdither/filter/filter_kernel.h"

#include <cstdint>
#include <vector>

namespace specdither {

struct SvdResult {
  uint32_t rows = 0;
  uint32_t cols = 0;
  uint32_t count = 0;                  // min(rows, cols)
  std::vector<double> singularValues;  // count, descending, >= 0
  std::vector<double> left;            // count vectors of rows entries: u_i at [i * rows]
  std::vector<double> right;           // count vectors of cols entries: v_i at [i * cols]
};

// Thin SVD of a row-major rows x cols matrix: matrix = sum_i sigma_i u_i v_i^T. Sign convention (so results are
// reproducible): each v_i has a non-negative sum (or, when the sum is ~0, a positive largest entry).
SPECDITHER_API SvdResult singularValueDecomposition(const std::vector<double>& matrix, uint32_t rows, uint32_t cols);

// The article's initialization: the rank-R truncated SVD of K with sqrt(sigma) on each side. rank must be
// in [1, min(width, height)] (checkFilterShape).
SPECDITHER_API SeparableFilter svdSeparableFilter(const FilterKernel& kernel, uint32_t rank);

}  // namespace specdither

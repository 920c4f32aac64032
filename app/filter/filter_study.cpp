#include "specdither/filter/filter_study.h"

#include "specdither/filter/filter_svd.h"

#include <algorithm>
#include <chrono>

namespace specdither {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

bool runFilterStudy(GpuContext* c, const FilterStudySettings& s, const FilterProgress& progress,
                    FilterStudyResult* result, std::string* error) {
  const auto start = std::chrono::steady_clock::now();
  const FilterKernel& k = s.kernel;
  const std::string problem = checkFilterShape(k.width, k.height, s.rank);
  if (!problem.empty()) {
    *error = problem;
    return false;
  }
  FilterStudyResult r;
  r.singularValues = singularValueDecomposition(k.values, k.height, k.width).singularValues;
  r.svd = svdSeparableFilter(k, s.rank);

  std::vector<FilterWeights> grid;
  if (s.sweep) {
    for (float nn : s.sweepNonneg)
      for (float z : s.sweepZeros) grid.push_back({s.params.weights.l2, nn, z});
  } else {
    grid.push_back(s.params.weights);
  }

  FilterBlur* blur = nullptr;
  GpuBuffer target;
  const float scale = float(filterExportScale(k));
  const bool blurring = s.image.count() > 0;
  if (blurring) {
    blur = createFilterBlur(c, s.image, s.gamma, error);
    if (!blur) return false;
    target = createBlurTarget(c, blur);
  }

  FilterOptimizerParams params = s.params;
  params.weights = grid[0];
  FilterOptimizer* o = createFilterOptimizer(c, k, r.svd, params, error);
  if (!o) {
    if (blur) {
      destroyBuffer(c, target);
      destroyFilterBlur(blur);
    }
    return false;
  }

  if (blurring) {
    // The references: the exact 2D blur and the SVD's separable one (the optimizer holds the SVD taps now).
    const auto t0 = std::chrono::steady_clock::now();
    submitAndWait(c, [&](VkCommandBuffer cmd) {
      recordExactBlur(cmd, blur, filterTargetBuffer(o), k.width, k.height, scale, target);
    });
    r.exactBlurSeconds = secondsSince(t0);
    r.exactBlur = readBlurTarget(c, blur, target);
    submitAndWait(c, [&](VkCommandBuffer cmd) {
      recordSeparableBlur(cmd, blur, filterParamsBuffer(o), s.rank, k.width, k.height, scale, target);
    });
    r.svdBlur = readBlurTarget(c, blur, target);
    r.svdBlurError = compareImages(r.svdBlur, r.exactBlur);
  }

  const uint32_t batch = std::max(1u, s.stepsPerSubmit);
  for (uint32_t i = 0; i < grid.size(); ++i) {
    FilterRun run;
    run.weights = grid[i];
    run.svdLoss = cpuFilterLoss(k, r.svd, run.weights, nullptr);
    params.weights = grid[i];
    setFilterOptimizerParams(o, params);
    const auto t0 = std::chrono::steady_clock::now();
    // Every run starts from the SVD (recordFilterReset), with fresh moments.
    submitAndWait(c, [&](VkCommandBuffer cmd) {
      recordFilterReset(cmd, o);
      recordFilterSteps(cmd, o, 0);
    });
    run.loss = lastFilterLoss(o);
    for (uint32_t done = 0; done < s.steps;) {
      const uint32_t n = std::min(batch, s.steps - done);
      submitAndWait(c, [&](VkCommandBuffer cmd) { recordFilterSteps(cmd, o, n); });
      done += n;
      run.loss = lastFilterLoss(o);
      if (progress) progress(i, uint32_t(grid.size()), done, s.steps, run.loss);
    }
    run.seconds = secondsSince(t0);
    run.filter = readFilter(o);
    run.cpuCheck = cpuFilterLoss(k, run.filter, run.weights, nullptr);
    if (blurring) {
      submitAndWait(c, [&](VkCommandBuffer cmd) {
        recordSeparableBlur(cmd, blur, filterParamsBuffer(o), s.rank, k.width, k.height, scale, target);
      });
      run.blurred = readBlurTarget(c, blur, target);
      run.blurError = compareImages(run.blurred, r.exactBlur);
    }
    r.runs.push_back(std::move(run));
  }

  destroyFilterOptimizer(o);
  if (blur) {
    destroyBuffer(c, target);
    destroyFilterBlur(blur);
  }
  r.seconds = secondsSince(start);
  *result = std::move(r);
  return true;
}

}  // namespace specdither

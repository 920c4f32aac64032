// Push constants and workgroup sizes of the spectral blue-noise step (app/core/spectral_optimizer.cpp).
#ifndef SPECDITHER_SPECTRAL_SHARED_H
#define SPECDITHER_SPECTRAL_SHARED_H
#include "gpu_types.h"
#include "gradient_update_shared.h"
#include "merge_sort_shared.h"

#define SD_SPECTRAL_GROUP 256   // threads per workgroup of the per-pixel / per-frequency passes
#define SD_GRID_X 32            // 2D workgroups (SD_GRID_X x SD_GRID_Y = SD_SPECTRAL_GROUP) of the per-frequency
#define SD_GRID_Y 8             // passes, so that no invocation divides to find its (kx, ky)
#define SD_SPECTRAL_ROWS 8      // frequencies along ky per invocation of the spectral gradient pass
#define SD_REDUCE_GROUP 256     // the single workgroup that sums per-workgroup partial losses

SD_BEGIN_NAMESPACE
struct SpectralPush {
  uint width;
  uint height;
  uint seedLow;
  uint seedHigh;
  uint step;               // 0-based step index: keys the random term scales
  uint randomScaling;      // 1: multiply each term by c ~ U(0,1) drawn from (seed, step)
  float cutoff;
  float weightUniformity;
  float weightLowFrequency;
  float weightHistogram;
};

struct HistogramUpdatePush {
  SpectralPush spectral;
  GradientUpdatePush update;
};

// The merge sort's last round fused with the histogram term and update (merge_update.comp).
struct MergeUpdatePush {
  HistogramUpdatePush histogram;
  MergePush merge;         // the last round's push (recordMergeArgSortUntilLastRound)
};

struct ReducePush {
  uint spectralPartials;   // entries in the spectral partials buffer
  uint histogramPartials;  // entries in the histogram partials buffer
};
SD_END_NAMESPACE
#endif

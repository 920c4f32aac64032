#ifndef SPECDITHER_GRADIENT_UPDATE_SHARED_H
#define SPECDITHER_GRADIENT_UPDATE_SHARED_H
#include "gpu_types.h"

#define SD_UPDATE_GROUP_SIZE 256

SD_BEGIN_NAMESPACE
struct GradientUpdatePush {
  uint count;
  uint adamStep;        // 1-based step for Adam's bias correction
  float learningRate;
  float momentum;
  float beta1;
  float beta2;
  float epsilon;
};
SD_END_NAMESPACE
#endif

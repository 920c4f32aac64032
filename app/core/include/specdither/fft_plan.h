// 2D real<->complex FFT plans on the GPU (VkFFT). A plan is bound to one real buffer (H*W floats) and one
// half-spectrum buffer (H x (W/2+1) complex floats, interleaved, row-major) for its whole life: VkFFT rewrites
// its descriptor sets whenever the buffers change, which would invalidate command buffers already recorded, so
// a stage that needs another pair of buffers makes another plan. Both directions are unnormalized.
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"
#include "specdither/gpu_buffer.h"

#include <string>

namespace specdither {

enum class FftDirection { Forward, Inverse };

struct FftPlan;

// Forward: real -> spectrum. Inverse (C2R): spectrum -> real. Sizes from 2 to 4096 per axis; every size works
// (prime factors above 13 use VkFFT's Bluestein path). `real` must hold fftRealBufferBytes, `spectrum`
// halfSpectrumBytes. Returns nullptr with *error if VkFFT refuses the size.
SPECDITHER_API FftPlan* createFftPlan(GpuContext* context, uint32_t width, uint32_t height, FftDirection direction,
                                      const GpuBuffer& real, const GpuBuffer& spectrum, std::string* error);
SPECDITHER_API void destroyFftPlan(FftPlan* plan);

// Records the transform into cmd (VkFFT inserts its own barriers between its passes; the caller orders
// what comes before and after).
SPECDITHER_API void recordFft(VkCommandBuffer cmd, FftPlan* plan);

// Bytes of the half spectrum for width x height.
inline VkDeviceSize halfSpectrumBytes(uint32_t width, uint32_t height) {
  return VkDeviceSize(width / 2 + 1) * height * 8;
}

// Bytes a real buffer bound to a plan must have: VkFFT 1.2.26 sizes some descriptor ranges of the real side
// from the padded (half-spectrum) layout, so the buffer is allocated that large; the data itself is H*W floats.
inline VkDeviceSize fftRealBufferBytes(uint32_t width, uint32_t height) {
  VkDeviceSize real = VkDeviceSize(width) * height * 4;
  VkDeviceSize padded = halfSpectrumBytes(width, height);
  return real > padded ? real : padded;
}

}  // namespace specdither

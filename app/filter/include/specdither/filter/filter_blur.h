// Applying a filter to an image on the GPU, the way Wronski (2020) shows the separable approximations: every
// sample raised to a strong gamma (8) so that highlights dominate as in a lens' bokeh, blurred, then the 8th
// root taken; ringing (negative taps) and leftover corners become plainly visible. Two paths:
//   separable: R horizontal passes (one per b_r) then R vertical passes (one per a_r), summed: 2 R D taps;
//   exact:     the full 2D correlation with the target kernel: D^2 taps (the reference).
// Borders clamp to the edge; the filter's centre is ((w - 1) / 2, (h - 1) / 2). Images are planar float
// (FloatImage, filter_image.h). The CPU twin is cpuBlur (filter_reference.h).
#pragma once

#include "specdither/api.h"
#include "specdither/context.h"
#include "specdither/filter/filter_image.h"
#include "specdither/gpu_buffer.h"

#include <cstdint>
#include <string>

namespace specdither {

constexpr float kArticleGamma = 8.0f;

struct FilterBlur;

// Uploads the image and linearizes it (x^gamma; one submit). Returns nullptr and sets *error (one line) when
// the image is empty or too large for a storage buffer on this device.
SPECDITHER_API FilterBlur* createFilterBlur(GpuContext* context, const FloatImage& image, float gamma,
                                            std::string* error);
SPECDITHER_API void destroyFilterBlur(FilterBlur* blur);

// A device-local buffer that fits one blurred image (the destination of the record functions below).
SPECDITHER_API GpuBuffer createBlurTarget(GpuContext* context, const FilterBlur* blur);

// Separable blur with the packed taps of a rank-R filter (shaders/filter_shared.h layout, e.g. the
// optimizer's filterParamsBuffer) of kernelWidth x kernelHeight, the whole filter multiplied by scale.
SPECDITHER_API void recordSeparableBlur(VkCommandBuffer cmd, FilterBlur* blur, const GpuBuffer& params, uint32_t rank,
                                        uint32_t kernelWidth, uint32_t kernelHeight, float scale,
                                        const GpuBuffer& target);
// Exact 2D blur with a kernelHeight x kernelWidth row-major float kernel (e.g. filterTargetBuffer) times scale.
SPECDITHER_API void recordExactBlur(VkCommandBuffer cmd, FilterBlur* blur, const GpuBuffer& kernel,
                                    uint32_t kernelWidth, uint32_t kernelHeight, float scale, const GpuBuffer& target);

// Downloads a blurred image (one submit).
SPECDITHER_API FloatImage readBlurTarget(GpuContext* context, const FilterBlur* blur, const GpuBuffer& target);
SPECDITHER_API const FloatImage& blurSourceImage(const FilterBlur* blur);

}  // namespace specdither

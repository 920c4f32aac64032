// Shared between GLSL and C++: lets push-constant structs and workgroup sizes be declared once, in headers
// that both glslc and the C++ compiler include. Declare structs with scalar members (uint, int, float) only,
// in 4-byte units, so the std430 push-constant layout equals the C++ layout.
#ifndef SPECDITHER_GPU_TYPES_H
#define SPECDITHER_GPU_TYPES_H

#ifdef __cplusplus
#include <cstdint>
#define SD_BEGIN_NAMESPACE namespace specdither { namespace gpu { using uint = uint32_t;
#define SD_END_NAMESPACE } }
#else
#define SD_BEGIN_NAMESPACE
#define SD_END_NAMESPACE
#endif

#endif

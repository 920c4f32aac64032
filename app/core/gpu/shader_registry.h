// SPIR-V of every shaders/*.comp, compiled by glslc at build time and embedded (see shaders/CMakeLists.txt).
#pragma once

#include <cstddef>
#include <cstdint>

namespace specdither {

struct ShaderCode {
  const char* name;  // the .comp file's name without extension
  const uint32_t* words;
  size_t wordCount;
};

// nullptr when no shader of that name was built.
const ShaderCode* findShader(const char* name);

}  // namespace specdither

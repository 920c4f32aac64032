// `analyze --values KIND`: a vector-valued mask's figures (analyze_values.cpp).
#pragma once

#include <string>

namespace specdither::cli {

// Reads the mask as the given kind of values and prints its integration error; the exit code.
int runVectorAnalysis(const std::string& path, const std::string& values, bool json);

}  // namespace specdither::cli

// Exports of a separable filter (Wronski 2020) for use in an engine: a C/C++ header with the R pairs of 1D
// filters, scaled so that the 2D filter they form has unit DC gain (the taps a shader multiplies by).
#pragma once

#include "specdither/api.h"
#include "specdither/filter/filter_kernel.h"

#include <string>

namespace specdither {

// The taps as applied: each of a_r and b_r multiplied by sqrt(scale) (scale = filterExportScale(kernel)).
SPECDITHER_API SeparableFilter scaledFilter(const SeparableFilter& filter, double scale);

// Header text: NAME_RANK / NAME_WIDTH / NAME_HEIGHT, NAME_horizontal[R][W] and NAME_vertical[R][H] as float
// arrays (9 significant digits), and a comment with how to apply them and the given description.
SPECDITHER_API std::string filterHeaderText(const SeparableFilter& scaled, const std::string& name,
                                            const std::string& description);

// True for a C identifier (letters, digits, '_', not starting with a digit).
SPECDITHER_API bool isCIdentifier(const std::string& name);

// Writes filterHeaderText atomically. name must be a C identifier. Returns false and sets *error (one line).
SPECDITHER_API bool writeFilterHeader(const std::string& path, const SeparableFilter& scaled, const std::string& name,
                                      const std::string& description, std::string* error);

}  // namespace specdither

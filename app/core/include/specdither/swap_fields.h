// The swap optimizer's knobs (SwapParams, swap_optimizer.h) described once, a row each: the key in preset files
// (preset_file.h), the label and slider a UI shows (the studio's Controls panel), the valid range, and whether
// changing it needs a new optimizer. Preset saving and loading, the studio's panel and its restart rule all
// iterate this one table.
#pragma once

#include "specdither/api.h"
#include "specdither/swap_optimizer.h"

#include <cstdint>
#include <vector>

namespace specdither {

// The groups, in a UI's order. Changes in every section but Schedule restart the optimizer (it builds
// its start mask, energy model and proposal buffers at creation); the schedule's act on the next pass.
enum class SwapFieldGroup { Start, Energy, Proposals, Schedule };
SPECDITHER_API bool swapGroupRestarts(SwapFieldGroup group);

// An enum field: its values 0, 1, ... named in files and in a UI's combo.
struct SwapChoice {
  uint32_t (*get)(const SwapParams& params);
  void (*set)(SwapParams& params, uint32_t value);
  std::vector<const char*> names;   // preset files
  std::vector<const char*> labels;  // the panel
};

struct SwapField {
  const char* key;    // in the preset file's "swap" object
  const char* label;  // the panel's; nullptr: drawn with the row before it (sigma weights) or not at all
  SwapFieldGroup group;
  // The field: exactly one of these.
  double SwapParams::*real = nullptr;
  uint32_t SwapParams::*count = nullptr;
  bool SwapParams::*flag = nullptr;
  std::vector<double> SwapParams::*list = nullptr;  // 1 to 4 values, each in (0, 64)
  const SwapChoice* choice = nullptr;
  TemporalFilter SwapParams::*filter = nullptr;  // a stack's temporal filter, as text ("ema:0.1", temporal_filter.h)
  double min = 0, max = 0;                       // valid values (preset files, typed counts)
  double sliderMin = 0, sliderMax = 0;           // the panel's slider
  const char* format = nullptr;                  // the slider's; counts: nullptr = "%d"
  bool logarithmic = false;                      // slider
  int inputStep = 0;                // counts: > 0 = a typed field with +/- by this step instead of a slider
  const char* zeroText = nullptr;   // counts: what the slider shows at 0 (e.g. "auto")
  bool voidAndClusterOnly = false;  // shown only while the start is void-and-cluster
  bool stackOnly = false;           // acts only on stacks (slices > 1): shown and saved only for them
  const char* tooltip = nullptr;
};

// In the panel's order.
SPECDITHER_API const std::vector<SwapField>& swapFields();

// Whether the field has the same value in a and b.
SPECDITHER_API bool swapFieldEqual(const SwapField& field, const SwapParams& a, const SwapParams& b);

}  // namespace specdither

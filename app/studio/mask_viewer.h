// A mask file shown in the views instead of the running optimizer's mask: a mask made by `specdither generate`
// (a spatiotemporal stack too large to optimize live, say) or another tool's, to look at its slices and
// spectrum and to see the photo dithered and accumulated with it. The optimizer pauses meanwhile.
#pragma once

#include "optimizer_session.h"

#include "specdither/gpu_buffer.h"
#include "specdither/mask.h"

#include <string>

namespace specdither::studio {

struct MaskViewer {
  bool active = false;
  std::string path;
  MaskShape shape;
  Mask mask;             // the file's mask (the convergence figures read it)
  GpuBuffer values;      // its values on the device, float32 in [0, 1], slices one after another
  uint64_t version = 0;  // bumped at every open, for the views' change tracking
};

// Reads a mask file the views can show (any format readMask takes; finite values): false with
// *error, one line naming the file. No GPU work: the command line checks --open-mask with it before any window.
bool readViewableMask(const std::string& path, Mask* mask, std::string* error);

// Shows a mask read by readViewableMask: uploads it (device idle), replacing any viewed before. Slices animate;
// channels dither the photo's colour channels (R with channel 0, G with 1, B with 2, mod the channel count).
void showViewedMask(GpuContext* context, MaskViewer* viewer, const Mask& mask, const std::string& path);

// Back to the optimizer's mask. Device idle.
void closeViewedMask(GpuContext* context, MaskViewer* viewer);

// The viewed mask as the views read it (valid while active).
MaskSource viewedMaskSource(const MaskViewer& viewer);

}  // namespace specdither::studio

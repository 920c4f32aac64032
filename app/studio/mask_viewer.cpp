#include "mask_viewer.h"

#include "specdither/mask_io.h"
#include "specdither/vector_mask_io.h"

#include <algorithm>
#include <cmath>

namespace specdither::studio {

bool readViewableMask(const std::string& path, Mask* mask, std::string* error) {
  // A vector mask's channels are a sample's components, not thresholds: shown as a colour mask, they would dither
  // the photo as nonsense.
  const std::string values = declaredVectorValues(path);
  if (!values.empty()) {
    *error = path + " holds " + values + " values (its specdither.values key), not thresholds: the studio shows " +
             "threshold masks; measure it with `specdither analyze " + path + "`";
    return false;
  }
  if (!readMask(path, mask, error)) return false;
  if (!std::all_of(mask->values.begin(), mask->values.end(), [](float v) { return std::isfinite(v); })) {
    *error = path + ": the mask holds values that are not finite";
    return false;
  }
  return true;
}

void showViewedMask(GpuContext* context, MaskViewer* viewer, const Mask& mask, const std::string& path) {
  closeViewedMask(context, viewer);
  viewer->values = createBuffer(context, mask.values.size() * sizeof(float), MemoryKind::DeviceLocal);
  uploadBuffer(context, viewer->values, mask.values.data(), mask.values.size() * sizeof(float));
  viewer->shape = mask.shape;
  viewer->mask = mask;
  viewer->path = path;
  viewer->active = true;
  ++viewer->version;
}

void closeViewedMask(GpuContext* context, MaskViewer* viewer) {
  if (viewer->values.buffer) destroyBuffer(context, viewer->values);
  viewer->values = GpuBuffer();
  viewer->active = false;
  ++viewer->version;
}

MaskSource viewedMaskSource(const MaskViewer& viewer) {
  MaskSource m;
  m.buffer = &viewer.values;
  m.width = viewer.shape.width;
  m.height = viewer.shape.height;
  m.slices = viewer.shape.slices;
  m.channels = viewer.shape.channels;
  return m;
}

}  // namespace specdither::studio

#include "photo.h"

#include "specdither/png_io.h"
#include "specdither/test_chart.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace specdither::studio {

namespace {

Photo fromPng(const PngImage& image) {
  Photo p;
  p.width = image.width;
  p.height = image.height;
  p.rgba.resize(size_t(image.width) * image.height);
  const int shift = image.bitDepth == 16 ? 8 : 0;
  for (size_t i = 0; i < p.rgba.size(); ++i) {
    const uint16_t* s = &image.samples[i * image.channels];
    uint32_t r, g, b;
    if (image.channels >= 3) {
      r = s[0] >> shift;
      g = s[1] >> shift;
      b = s[2] >> shift;
    } else {
      r = g = b = s[0] >> shift;
    }
    // Alpha is dropped: the dithered photo is opaque.
    p.rgba[i] = r | (g << 8) | (b << 16) | 0xff000000u;
  }
  return p;
}

}  // namespace

bool loadPhoto(const std::string& path, Photo* photo, std::string* error) {
  PngImage image;
  if (!readPng(path, &image, error)) return false;
  if (image.width == 0 || image.height == 0) {
    *error = path + ": the image is empty";
    return false;
  }
  *photo = fromPng(image);
  photo->path = path;
  photo->label = std::filesystem::path(path).filename().string();
  return true;
}

Photo testChartPhoto() {
  Photo p = fromPng(generateTestChart(768, 512));
  p.label = "test chart";
  return p;
}

std::vector<std::string> listImages(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    std::string ext = entry.path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
    if (ext == ".png") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string startupPhotoPath(const std::string& imagePath, const std::string& imageDir, std::string* imageFolder) {
  if (!imagePath.empty()) {
    *imageFolder = std::filesystem::path(imagePath).parent_path().string();
    return imagePath;
  }
  std::string dir = imageDir;
  if (dir.empty())
    if (const char* env = std::getenv("SPECDITHER_IMAGE_DIR")) dir = env;
  *imageFolder = dir;
  if (dir.empty()) return "";
  const std::vector<std::string> files = listImages(dir);
  // kodim23 (two parrots): saturated colours, smooth gradients and fine feather detail in one picture.
  for (const std::string& f : files)
    if (std::filesystem::path(f).filename() == "kodim23.png") return f;
  return files.empty() ? "" : files.front();
}

}  // namespace specdither::studio

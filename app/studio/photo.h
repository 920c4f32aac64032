// The photo the studio dithers: a Kodak image (kodim*.png) from where the user points, another PNG loaded by
// path or dropped on the window, or, out of the box, the generated test chart (app/core/test_chart.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace specdither::studio {

struct Photo {
  std::string label;  // file name, or "test chart"
  std::string path;   // "" for the test chart
  uint32_t width = 0, height = 0;
  std::vector<uint32_t> rgba;  // packed RGBA8, R in the low byte
};

// Reads a PNG (gray, gray+alpha, RGB, RGBA; 8 or 16 bit). On failure returns false and sets *error (one line
// naming the file and the reason).
bool loadPhoto(const std::string& path, Photo* photo, std::string* error);

// The generated test chart, 768 x 512.
Photo testChartPhoto();

// The PNG files of a folder, sorted (kodim01.png ... first).
std::vector<std::string> listImages(const std::string& dir);

// Where the startup photo comes from: imagePath if given; else the folder imageDir, else $SPECDITHER_IMAGE_DIR
// (kodim23.png when present, else the first PNG). Returns "" for the test chart.
std::string startupPhotoPath(const std::string& imagePath, const std::string& imageDir, std::string* imageFolder);

}  // namespace specdither::studio

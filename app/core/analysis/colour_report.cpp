// The report of colour masks (colour_report.h).
#include "specdither/colour_report.h"

#include "analysis/report_images.h"
#include "specdither/atomic_file.h"
#include "specdither/test_chart.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace specdither {

namespace fs = std::filesystem;

namespace {

constexpr uint32_t kPhotoSide = 256;

// An 8-bit RGB picture of the display-encoded values in [0, 1] (row-major, 3 per pixel).
struct ColourImage {
  uint32_t width = 0, height = 0;
  std::vector<float> rgb;
};

// The centred crop of a photo, at most side x side, its R, G, B (gray repeated) as display-encoded values.
bool colourPhotoCrop(const PngImage& png, ColourImage* out) {
  if (png.channels < 1 || png.width == 0 || png.height == 0) return false;
  const double maxValue = png.bitDepth == 16 ? 65535.0 : 255.0;
  out->width = std::min(kPhotoSide, png.width);
  out->height = std::min(kPhotoSide, png.height);
  const uint32_t x0 = (png.width - out->width) / 2, y0 = (png.height - out->height) / 2;
  out->rgb.resize(size_t(out->width) * out->height * 3);
  for (uint32_t y = 0; y < out->height; ++y)
    for (uint32_t x = 0; x < out->width; ++x) {
      const uint16_t* s = &png.samples[(size_t(y0 + y) * png.width + x0 + x) * png.channels];
      for (uint32_t c = 0; c < 3; ++c)
        out->rgb[(size_t(y) * out->width + x) * 3 + c] = float(s[png.channels >= 3 ? c : 0] / maxValue);
    }
  return true;
}

Canvas pictureOf(const ColourImage& image) {
  Canvas canvas(image.width, image.height, {0, 0, 0});
  for (uint32_t y = 0; y < image.height; ++y)
    for (uint32_t x = 0; x < image.width; ++x) {
      const float* p = &image.rgb[(size_t(y) * image.width + x) * 3];
      canvas.set(int(x), int(y),
                 {uint8_t(std::lround(std::clamp(p[0], 0.0f, 1.0f) * 255)),
                  uint8_t(std::lround(std::clamp(p[1], 0.0f, 1.0f) * 255)),
                  uint8_t(std::lround(std::clamp(p[2], 0.0f, 1.0f) * 255))});
    }
  return canvas;
}

// Colour c of the photo dithered to `levels` with the tiled mask's channel c (channel c % C of a mask with fewer
// than three): y = clip(floor(x (L - 1) + v), 0, L - 1) / (L - 1), the rule of docs/method.md §11.4.
Canvas ditherColour(const ColourImage& image, const Mask& slice, int levels) {
  const MaskShape& s = slice.shape;
  ColourImage out = image;
  const double top = levels - 1;
  for (uint32_t y = 0; y < image.height; ++y)
    for (uint32_t x = 0; x < image.width; ++x)
      for (uint32_t c = 0; c < 3; ++c) {
        const size_t at = (size_t(y) * image.width + x) * 3 + c;
        const float v = slice.values[((size_t(y % s.height) * s.width) + x % s.width) * s.channels + c % s.channels];
        out.rgb[at] = float(std::clamp(std::floor(image.rgb[at] * top + v), 0.0, top) / top);
      }
  return pictureOf(out);
}

// The mask's first three channels as R, G, B (a missing one black), magnified as maskPicture does.
Canvas channelsPicture(const Mask& slice) {
  const MaskShape& s = slice.shape;
  const uint32_t k = std::max<uint32_t>(1, 256 / std::max(s.width, s.height));
  ColourImage image;
  image.width = s.width * k;
  image.height = s.height * k;
  image.rgb.assign(size_t(image.width) * image.height * 3, 0.0f);
  for (uint32_t y = 0; y < image.height; ++y)
    for (uint32_t x = 0; x < image.width; ++x)
      for (uint32_t c = 0; c < std::min<uint32_t>(3, s.channels); ++c)
        image.rgb[(size_t(y) * image.width + x) * 3 + c] =
            slice.values[(size_t(y / k) * s.width + x / k) * s.channels + c];
  return pictureOf(image);
}

}  // namespace

bool writeColourReport(const std::vector<ReportColourMask>& masks, const std::string& dir,
                       const ColourReportOptions& options, std::string* error) {
  if (masks.empty()) return *error = "no colour masks to report", false;
  for (const ReportColourMask& m : masks)
    if (m.mask.shape.channels < 2 || m.mask.shape.channels > 4 || m.mask.values.size() != m.mask.shape.valueCount())
      return *error = m.name + ": the colour report takes masks of 2 to 4 channels, not " + toString(m.mask.shape),
             false;
  // The photo before the folder: a bad one leaves no empty report behind.
  const std::string photoPath = options.photoPath.empty() ? findDefaultPhoto() : options.photoPath;
  PngImage png;
  if (photoPath.empty())
    png = generateTestChart(kPhotoSide, kPhotoSide);
  else if (!readPng(photoPath, &png, error))
    return false;
  ColourImage photo;
  if (!colourPhotoCrop(png, &photo)) return *error = photoPath + ": no pixels to dither", false;
  if (!makeReportFolder(dir, error)) return false;
  auto save = [&](const std::string& name, const Canvas& canvas) {
    return saveReportPicture(dir, name, canvas, error);
  };

  std::ostringstream md;
  md << "# " << (options.title.empty() ? "Colour mask analysis" : options.title) << "\n\n";
  md << "Figures of docs/method.md §11.4 and §11.6 (lower is better; dB against independent white noise per "
        "channel).\n\n"
     << options.figuresMarkdown << "\n";
  if (!save("photo_original.png", pictureOf(photo))) return false;
  md << "## Pictures\n\nPhoto: " << (photoPath.empty() ? "the generated test chart" : "`" + photoPath + "`")
     << ", centred " << photo.width << "x" << photo.height
     << " crop, each colour dithered with its own channel of the mask"
     << (masks[0].mask.shape.slices > 1 ? " (slice 0 of a stack)" : "") << ": ![photo](photo_original.png)\n\n| |";
  for (const ReportColourMask& m : masks) md << " " << m.name << " |";
  md << "\n|---|";
  for (size_t i = 0; i < masks.size(); ++i) md << "---|";
  const char* rows[][2] = {
      {"channels", "Channels as R, G, B"}, {"photo_1bit", "Photo at 1 bit"}, {"photo_2bit", "Photo at 2 bits"}};
  for (const auto& row : rows) {
    md << "\n| " << row[1] << " |";
    for (size_t i = 0; i < masks.size(); ++i) {
      const std::string file = std::string(row[0]) + "_" + std::to_string(i + 1) + ".png";
      const Mask slice = maskSlice(masks[i].mask, 0);
      const std::string which = row[0];
      const Canvas picture = which == "channels"     ? channelsPicture(slice)
                             : which == "photo_1bit" ? ditherColour(photo, slice, 2)
                                                     : ditherColour(photo, slice, 4);
      if (!save(file, picture)) return false;
      md << " ![" << row[0] << "](" << file << ") |";
    }
  }
  md << "\n";

  std::vector<PlotCurve> curves;
  double longest = 0;
  for (const ReportColourMask& m : masks)
    for (size_t b = 0; b < m.meanDb.size() && !m.frames.empty(); ++b) {
      curves.push_back({m.name + ", " + std::to_string(b + 1) + (b ? " bits" : " bit"), m.frames, m.meanDb[b], b > 0});
      longest = std::max(longest, m.frames.back());
    }
  if (!curves.empty()) {
    std::vector<double> ticks;
    for (double k = 1; k <= longest; k *= 2) ticks.push_back(k);
    if (!save("accumulation.png",
              linePlot(curves, ticks, 0.5, "frames averaged (mean of the first k)", "colour error (dB)")))
      return false;
    md << "\n## Accumulation\n\nThe colour error of the plain mean of the first k frames (dashed: 2 bits): "
          "![accumulation](accumulation.png)\n";
  }
  return writeFileAtomically((fs::path(dir) / "report.md").string(), md.str(), error);
}

}  // namespace specdither

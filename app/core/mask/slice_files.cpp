#include "mask/slice_files.h"

#include "mask/file_extension.h"
#include "specdither/atomic_file.h"

#include <cstdio>
#include <filesystem>
#include <system_error>

namespace specdither {

namespace {

// The position and length of the slice number's conversion, and its zero-padded width (0 for %d).
struct SliceConversion {
  size_t at = 0, length = 0;
  int width = 0;
};

bool parsePattern(const std::string& pattern, SliceConversion* out, std::string* reason) {
  const size_t at = pattern.find('%');
  if (at == std::string::npos) return *reason = "no slice number (%d or %03d) in the name", false;
  size_t end = at + 1;
  int width = 0;
  if (end < pattern.size() && pattern[end] == '0') {
    ++end;
    if (end < pattern.size() && pattern[end] >= '1' && pattern[end] <= '9')
      width = pattern[end++] - '0';
    else
      return *reason = "the slice number takes %d or %0Nd with N from 1 to 9", false;
  }
  if (end >= pattern.size() || pattern[end] != 'd')
    return *reason = "the slice number takes %d or %0Nd with N from 1 to 9", false;
  if (pattern.find('%', end + 1) != std::string::npos) return *reason = "one slice number (%d) only", false;
  *out = {at, end + 1 - at, width};
  return true;
}

}  // namespace

bool isSlicePattern(const std::string& path) { return path.find('%') != std::string::npos; }

std::string checkSlicePattern(const std::string& pattern) {
  SliceConversion c;
  std::string reason;
  if (!parsePattern(pattern, &c, &reason)) return "slice files '" + pattern + "': " + reason;
  const std::string name = std::filesystem::path(pattern).filename().string();
  if (name.find('%') == std::string::npos)
    return "slice files '" + pattern + "': the slice number goes in the file name";
  if (fileExtension(pattern) != ".png") return "slice files '" + pattern + "': one PNG per slice (name_%03d.png)";
  return "";
}

std::string slicePath(const std::string& pattern, uint32_t slice) {
  SliceConversion c;
  std::string reason;
  parsePattern(pattern, &c, &reason);
  char number[16];
  std::snprintf(number, sizeof number, "%0*u", c.width, slice);
  return pattern.substr(0, c.at) + number + pattern.substr(c.at + c.length);
}

std::string checkSliceFilesOutput(const std::string& pattern, const MaskShape& shape,
                                  const MaskExportOptions& options) {
  std::string problem = checkSlicePattern(pattern);
  if (!problem.empty()) return problem;
  problem = checkMaskOutput(slicePath(pattern, 0), {shape.width, shape.height, 1, shape.channels}, options);
  // A later slice's name taken by a folder would fail its rename after the earlier slices were moved into place.
  std::error_code ignored;
  for (uint32_t k = 1; problem.empty() && k < shape.slices; ++k)
    if (std::filesystem::is_directory(slicePath(pattern, k), ignored))
      problem = "cannot write '" + slicePath(pattern, k) + "': it is a folder";
  return problem;
}

bool writeSliceFilesWith(const std::string& pattern, uint32_t slices, const SliceWriter& writeSlice,
                         std::string* warning, std::string* error) {
  std::vector<std::string> staged;
  auto abandon = [&] {
    std::error_code ignored;
    for (const std::string& p : staged) std::filesystem::remove(p, ignored);
    return false;
  };
  for (uint32_t k = 0; k < slices; ++k) {
    const std::filesystem::path final = slicePath(pattern, k);
    const std::string staging =
        (final.parent_path() / ("." + final.stem().string() + ".specdither-staging.png")).string();
    if (!writeSlice(k, staging, error)) {
      *error = "cannot write slice " + std::to_string(k) + " of '" + pattern + "': " + *error;
      return abandon();
    }
    staged.push_back(staging);
  }
  for (uint32_t k = 0; k < slices; ++k) {
    std::error_code failed;
    std::filesystem::rename(staged[k], slicePath(pattern, k), failed);
    if (failed) {
      *error = "cannot write '" + slicePath(pattern, k) + "': " + failed.message();
      staged.erase(staged.begin(), staged.begin() + k);
      return abandon();
    }
  }
  // A file numbered past the last slice (an earlier, longer stack's) stays, and reading the pattern would take it.
  std::error_code ignored;
  if (std::filesystem::exists(slicePath(pattern, slices), ignored)) {
    const std::string note = "'" + slicePath(pattern, slices) +
                             "' (an earlier write's) follows the last slice: reading the pattern back would take it "
                             "as a slice; remove it";
    if (warning)
      *warning = warning->empty() ? note : *warning + "; " + note;
    else
      std::fprintf(stderr, "specdither: warning: %s\n", note.c_str());
  }
  return true;
}

bool writeSliceFiles(const Mask& mask, const std::string& pattern, const MaskExportOptions& options,
                     std::string* error) {
  *error = checkSliceFilesOutput(pattern, mask.shape, options);
  if (!error->empty()) return false;
  return writeSliceFilesWith(
      pattern, mask.shape.slices,
      [&](uint32_t slice, const std::string& path, std::string* problem) {
        return writeMask(maskSlice(mask, slice), path, options, problem);
      },
      options.warning, error);
}

bool readSliceFiles(const std::string& pattern, Mask* out, std::string* error) {
  return readSliceFilesWith(
      pattern,
      [](const std::string& path, Mask* slice, std::string* problem) { return readMask(path, slice, problem); }, out,
      error);
}

bool readSliceFilesWith(const std::string& pattern, const SliceReader& readSlice, Mask* out, std::string* error) {
  *error = checkSlicePattern(pattern);
  if (!error->empty()) return false;
  Mask stack;
  for (uint32_t k = 0;; ++k) {
    const std::string path = slicePath(pattern, k);
    std::error_code ignored;
    if (!std::filesystem::exists(path, ignored)) {
      if (k == 0) return *error = "cannot read '" + pattern + "': its first slice " + path + " does not exist", false;
      break;
    }
    Mask slice;
    if (!readSlice(path, &slice, error)) return false;
    if (slice.shape.slices != 1)
      return *error = path + ": a slice is a 2D mask (of 1 to 4 channels), not " + toString(slice.shape), false;
    if (k == 0) {
      stack.shape = slice.shape;
    } else if (slice.shape.width != stack.shape.width || slice.shape.height != stack.shape.height ||
               slice.shape.channels != stack.shape.channels) {
      return *error = path + " is " + toString(slice.shape) + ", slice 0 " +
                      toString({stack.shape.width, stack.shape.height, 1, stack.shape.channels}),
             false;
    } else if (k >= 4096) {
      return *error = "cannot read '" + pattern + "': more than 4096 slices", false;
    } else {
      stack.shape.slices = k + 1;
    }
    stack.values.insert(stack.values.end(), slice.values.begin(), slice.values.end());
  }
  *out = std::move(stack);
  return true;
}

}  // namespace specdither

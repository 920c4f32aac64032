// A stack as one PNG per slice (docs/method.md §8.6): a path with one printf-style slice number, "%d" or "%0Nd"
// (N = 1 to 9), names the files of slices 0, 1, ...: "mask_%03d.png" -> mask_000.png, mask_001.png. Private to the
// core: writeMask, readMask and checkMaskOutput (mask_io.h) call these for such paths.
#pragma once

#include "specdither/mask.h"
#include "specdither/mask_io.h"

#include <cstdint>
#include <functional>
#include <string>

namespace specdither {

// True when path holds a '%': it is then read and written as a slice pattern (and refused if it is not a valid one).
bool isSlicePattern(const std::string& path);

// "" for a valid pattern (exactly one %d or %0Nd, no other '%', a .png file name), else the reason (one line).
std::string checkSlicePattern(const std::string& pattern);

// The file of slice s (a valid pattern).
std::string slicePath(const std::string& pattern, uint32_t slice);

// What checkMaskOutput checks for a pattern: the pattern, each slice as a PNG of its plane shape, the folder.
std::string checkSliceFilesOutput(const std::string& pattern, const MaskShape& shape, const MaskExportOptions& options);

// Writes slices 0 .. slices - 1 of a valid pattern, writeSlice(slice, path, error) writing each one's PNG to the
// path given. All or nothing: every slice is written to a staging file in the folder first, and only when all
// are written are they renamed into place; on a failure the staging files are removed and no file of the pattern
// changes. A file numbered past the last slice (left by an earlier, longer stack) is left alone and named in
// *warning (when null, on stderr), since reading the pattern back would take it as a slice.
using SliceWriter = std::function<bool(uint32_t slice, const std::string& path, std::string* error)>;
bool writeSliceFilesWith(const std::string& pattern, uint32_t slices, const SliceWriter& writeSlice,
                         std::string* warning, std::string* error);

// Every slice of a mask (a 2D mask: one file, slice 0) as its own PNG, by writeSliceFilesWith (options.warning).
bool writeSliceFiles(const Mask& mask, const std::string& pattern, const MaskExportOptions& options,
                     std::string* error);

// Reads slices 0, 1, ... until the first missing file (at least slice 0), each a 2D mask of one shape.
bool readSliceFiles(const std::string& pattern, Mask* out, std::string* error);
// The same with readSlice(path, slice, error) reading each file.
using SliceReader = std::function<bool(const std::string& path, Mask* slice, std::string* error)>;
bool readSliceFilesWith(const std::string& pattern, const SliceReader& readSlice, Mask* out, std::string* error);

}  // namespace specdither

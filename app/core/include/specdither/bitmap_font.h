// A small bitmap font for the labels of the pictures specdither writes (the analysis report's plots and
// pictures, the filter study's sheet): printable ASCII (32..126), each glyph 5 x 9 pixels in a 6 x 11 cell
// (7 rows above the baseline for capitals and digits, 2 below for descenders, 1 column and 2 rows of spacing),
// drawn at an integer scale. Characters outside ASCII (each UTF-8 sequence counts as one) show as an empty box.
// No font file and no font library: the glyphs are a table in bitmap_font.cpp.
#pragma once

#include "specdither/api.h"

#include <array>
#include <cstdint>
#include <string>

namespace specdither {

// Where text goes: an 8-bit RGB image, row-major, 3 bytes a pixel, width * height * 3 bytes.
struct RgbTarget {
  uint8_t* rgb = nullptr;
  uint32_t width = 0, height = 0;
};

enum class TextDirection {
  Right,  // ordinary horizontal text
  Up,     // rotated a quarter turn counterclockwise, read bottom to top (a y axis title)
};

// Size of text at a scale: width = advance per character * characters - the trailing 1 px gap; height = the
// 9 glyph rows (ascender to descender), both times scale. For Up text the two swap on the image.
SPECDITHER_API int bitmapTextWidth(const std::string& text, int scale);
SPECDITHER_API int bitmapTextHeight(int scale);
// Vertical distance between the tops of two lines of text (glyph rows plus spacing), times scale.
SPECDITHER_API int bitmapLineHeight(int scale);

// Draws text with the top-left corner of its box at (x, y) (for Up text, the box of the rotated text: its first
// character at the bottom). Ink only, no background; pixels outside the image are skipped.
SPECDITHER_API void drawBitmapText(const RgbTarget& target, int x, int y, const std::string& text,
                                   std::array<uint8_t, 3> color, int scale = 2,
                                   TextDirection direction = TextDirection::Right);

}  // namespace specdither

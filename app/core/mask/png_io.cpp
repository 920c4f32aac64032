// libpng reports errors by longjmp. The rules that keep that safe in C++: the functions that call setjmp own no
// objects with destructors (all buffers live in a state struct owned by the caller), and everything they change
// after setjmp is reached through a pointer, so nothing depends on register values after the jump.
#include "specdither/png_io.h"

#include "specdither/atomic_file.h"
#include "mask/checked_size.h"

#include <png.h>
#include <sys/stat.h>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>

namespace specdither {

namespace {

// A mask is at most 4096 x 4096; allow generous images (photos to dither, up to 16384 on a side) but refuse absurd
// headers before allocating for them.
constexpr uint64_t kMaxSamples = uint64_t(1) << 30;

struct PngErrorState {
  char message[256] = {};
};

void onPngError(png_structp png, png_const_charp message) {
  auto* state = static_cast<PngErrorState*>(png_get_error_ptr(png));
  std::snprintf(state->message, sizeof(state->message), "%s", message ? message : "libpng error");
  png_longjmp(png, 1);
}

// Warnings (unknown ancillary chunks, bad gamma values) do not make a mask unreadable.
void onPngWarning(png_structp, png_const_charp) {}

struct ReadState {
  PngErrorState errors;
  uint32_t width = 0, height = 0, channels = 0, bitDepth = 0;
  std::vector<uint8_t> pixels;
  std::vector<png_bytep> rows;
  uint64_t fileBytes = 0;
  const char* tooLarge = nullptr;
};

bool decodePng(std::FILE* file, ReadState* state) {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &state->errors, onPngError, onPngWarning);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    return false;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return false;
  }
  png_init_io(png, file);
  png_set_sig_bytes(png, 8);
  png_read_info(png, info);
  const png_byte colorType = png_get_color_type(png, info);
  const png_byte depth = png_get_bit_depth(png, info);
  // Normalize everything to 8 or 16 bits per sample, gray / gray+alpha / RGB / RGBA.
  if (colorType == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (colorType == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);

  state->width = png_get_image_width(png, info);
  state->height = png_get_image_height(png, info);
  state->channels = png_get_channels(png, info);
  state->bitDepth = png_get_bit_depth(png, info);
  const size_t rowBytes = png_get_rowbytes(png, info);
  // Deflate expands at most ~1032:1, so a header that promises far more pixels than the file can encode is
  // corrupt or truncated: refuse before allocating for it (a flipped bit in IHDR must not cost gigabytes).
  uint64_t samples = 0, rawBytes = 0;
  if (state->width > kPngMaxSide || state->height > kPngMaxSide ||
      !checkedProduct({state->width, state->height, state->channels}, &samples) || samples > kMaxSamples) {
    state->tooLarge = "image too large (at most 16384 on a side)";
  } else if (!checkedProduct({uint64_t(rowBytes) + 1, state->height}, &rawBytes) ||
             rawBytes > 1040 * state->fileBytes + 4096) {
    state->tooLarge = "image data too short for its size (truncated or corrupt)";
  }
  if (state->tooLarge) {
    png_destroy_read_struct(&png, &info, nullptr);
    return false;
  }
  state->pixels.resize(rowBytes * state->height);
  state->rows.resize(state->height);
  for (uint32_t y = 0; y < state->height; ++y) state->rows[y] = state->pixels.data() + y * rowBytes;
  png_read_image(png, state->rows.data());
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  return true;
}

struct WriteState {
  PngErrorState errors;
  const PngImage* image = nullptr;
  std::vector<uint8_t> pixels;  // packed rows, 16-bit samples big-endian as PNG stores them
  std::vector<png_bytep> rows;
};

bool encodePng(std::FILE* file, WriteState* state) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state->errors, onPngError, onPngWarning);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    return false;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  static const int kColorTypes[5] = {0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_COLOR_TYPE_RGB,
                                     PNG_COLOR_TYPE_RGB_ALPHA};
  png_init_io(png, file);
  png_set_IHDR(png, info, state->image->width, state->image->height, int(state->image->bitDepth),
               kColorTypes[state->image->channels], PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  png_write_image(png, state->rows.data());
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

bool readPng(const std::string& path, PngImage* out, std::string* error) {
  auto failWith = [&](const std::string& reason) {
    if (error) *error = "cannot read PNG '" + path + "': " + reason;
    return false;
  };
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return failWith(std::strerror(errno));
  png_byte signature[8] = {};
  const size_t got = std::fread(signature, 1, sizeof(signature), file);
  if (got != sizeof(signature) || png_sig_cmp(signature, 0, sizeof(signature)) != 0) {
    std::fclose(file);
    return failWith("not a PNG file");
  }
  ReadState state;
  struct stat info;
  state.fileBytes = fstat(fileno(file), &info) == 0 ? uint64_t(info.st_size) : 0;
  const bool ok = decodePng(file, &state);
  std::fclose(file);
  if (!ok) {
    if (state.tooLarge) return failWith(state.tooLarge);
    return failWith(state.errors.message[0] ? state.errors.message : "libpng could not start");
  }

  PngImage image;
  image.width = state.width;
  image.height = state.height;
  image.channels = state.channels;
  image.bitDepth = state.bitDepth;
  const size_t count = size_t(image.width) * image.height * image.channels;
  image.samples.resize(count);
  const size_t rowSamples = size_t(image.width) * image.channels;
  for (uint32_t y = 0; y < image.height; ++y) {
    const uint8_t* row = state.rows[y];
    uint16_t* dst = image.samples.data() + y * rowSamples;
    if (image.bitDepth == 16) {
      for (size_t i = 0; i < rowSamples; ++i) dst[i] = uint16_t(row[2 * i] << 8 | row[2 * i + 1]);
    } else {
      for (size_t i = 0; i < rowSamples; ++i) dst[i] = row[i];
    }
  }
  *out = std::move(image);
  return true;
}

bool writePng(const std::string& path, const PngImage& image, std::string* error) {
  auto failWith = [&](const std::string& reason) {
    if (error) *error = "cannot write PNG '" + path + "': " + reason;
    return false;
  };
  if (image.width == 0 || image.height == 0) return failWith("empty image");
  // The PNG format's own limit on dimensions (2^31 - 1), and libpng's default user limit of 1,000,000.
  if (image.width > 1000000 || image.height > 1000000) return failWith("image too large");
  if (image.channels < 1 || image.channels > 4) return failWith("channels must be 1 to 4");
  if (image.bitDepth != 8 && image.bitDepth != 16) return failWith("bit depth must be 8 or 16");
  const size_t rowSamples = size_t(image.width) * image.channels;
  if (uint64_t(rowSamples) * image.height > kMaxSamples) return failWith("image too large");
  if (image.samples.size() != rowSamples * image.height)
    return failWith("sample count " + std::to_string(image.samples.size()) + " does not match " +
                    std::to_string(image.width) + "x" + std::to_string(image.height) + "x" +
                    std::to_string(image.channels));

  WriteState state;
  state.image = &image;
  const size_t bytesPerSample = image.bitDepth / 8;
  const size_t rowBytes = rowSamples * bytesPerSample;
  state.pixels.resize(rowBytes * image.height);
  for (size_t i = 0; i < image.samples.size(); ++i) {
    const uint16_t v = image.samples[i];
    if (bytesPerSample == 1) {
      if (v > 255) return failWith("8-bit sample " + std::to_string(i) + " is " + std::to_string(v) + " (> 255)");
      state.pixels[i] = uint8_t(v);
    } else {
      state.pixels[2 * i] = uint8_t(v >> 8);
      state.pixels[2 * i + 1] = uint8_t(v & 0xff);
    }
  }
  state.rows.resize(image.height);
  for (uint32_t y = 0; y < image.height; ++y) state.rows[y] = state.pixels.data() + y * rowBytes;

  std::string reason;
  const bool ok = writeFileAtomically(
      path,
      [&](std::FILE* file, std::string* why) {
        if (encodePng(file, &state)) return true;
        *why = state.errors.message[0] ? state.errors.message : "libpng could not start";
        return false;
      },
      &reason);
  if (!ok && error) *error = reason;
  return ok;
}

}  // namespace specdither

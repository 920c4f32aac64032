// PNG reading and writing: exact round trips for every layout libpng writes for us, and reading of layouts we
// never write (palette, 1/2/4-bit gray, tRNS) from files built here byte by byte with an independent minimal
// encoder (stored deflate blocks), so the reader is not only checked against its own writer.
#include "gpu_test.h"
#include "test_files.h"
#include "specdither/png_io.h"

#include <dirent.h>

#include <fstream>
#include <random>

using namespace specdither;

using specdither::test::slurpBytes;
using specdither::test::writeBytes;

namespace {

size_t countEntries(const std::string& folder) {
  size_t n = 0;
  if (DIR* dir = opendir(folder.c_str())) {
    while (dirent* e = readdir(dir))
      if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") ++n;
    closedir(dir);
  }
  return n;
}

// --- A minimal, independent PNG encoder (no compression) for layouts specdither never writes. ---
uint32_t crc32Of(const uint8_t* data, size_t size, uint32_t crc = 0) {
  crc = ~crc;
  for (size_t i = 0; i < size; ++i) {
    crc ^= data[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void putBigEndian32(std::vector<uint8_t>& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(uint8_t(v >> s));
}

void putChunk(std::vector<uint8_t>& png, const char* type, const std::vector<uint8_t>& data) {
  putBigEndian32(png, uint32_t(data.size()));
  std::vector<uint8_t> typed(type, type + 4);
  typed.insert(typed.end(), data.begin(), data.end());
  png.insert(png.end(), typed.begin(), typed.end());
  putBigEndian32(png, crc32Of(typed.data(), typed.size()));
}

// rows: already packed scanlines (without filter bytes).
std::vector<uint8_t> handMadePng(uint32_t width, uint32_t height, uint8_t bitDepth, uint8_t colorType,
                                 const std::vector<std::vector<uint8_t>>& rows,
                                 const std::vector<uint8_t>& palette = {}, const std::vector<uint8_t>& trns = {}) {
  std::vector<uint8_t> raw;
  for (const auto& row : rows) {
    raw.push_back(0);  // filter: none
    raw.insert(raw.end(), row.begin(), row.end());
  }
  std::vector<uint8_t> z = {0x78, 0x01};
  uint32_t a = 1, b = 0;
  for (uint8_t v : raw) {
    a = (a + v) % 65521;
    b = (b + a) % 65521;
  }
  for (size_t pos = 0; pos < raw.size() || pos == 0;) {  // stored blocks of at most 65535 bytes
    const size_t len = std::min<size_t>(65535, raw.size() - pos);
    const bool last = pos + len == raw.size();
    z.push_back(last ? 1 : 0);
    z.push_back(uint8_t(len & 0xff));
    z.push_back(uint8_t(len >> 8));
    z.push_back(uint8_t(~len & 0xff));
    z.push_back(uint8_t((~len >> 8) & 0xff));
    z.insert(z.end(), raw.begin() + long(pos), raw.begin() + long(pos + len));
    pos += len;
    if (last) break;
  }
  putBigEndian32(z, (b << 16) | a);

  std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  std::vector<uint8_t> ihdr;
  putBigEndian32(ihdr, width);
  putBigEndian32(ihdr, height);
  ihdr.insert(ihdr.end(), {bitDepth, colorType, 0, 0, 0});
  putChunk(png, "IHDR", ihdr);
  if (!palette.empty()) putChunk(png, "PLTE", palette);
  if (!trns.empty()) putChunk(png, "tRNS", trns);
  putChunk(png, "IDAT", z);
  putChunk(png, "IEND", {});
  return png;
}

PngImage randomImage(uint32_t w, uint32_t h, uint32_t channels, uint32_t depth, uint32_t seed) {
  PngImage image;
  image.width = w;
  image.height = h;
  image.channels = channels;
  image.bitDepth = depth;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<uint32_t> dist(0, depth == 16 ? 65535 : 255);
  image.samples.resize(size_t(w) * h * channels);
  for (uint16_t& s : image.samples) s = uint16_t(dist(rng));
  return image;
}

}  // namespace

TEST(PngIo, RoundTripEveryLayoutAndDepth) {
  const std::string dir = test::makeTempDir();
  uint32_t seed = 1;
  for (uint32_t channels = 1; channels <= 4; ++channels)
    for (uint32_t depth : {8u, 16u}) {
      // Odd, non-square sizes catch row-stride mistakes.
      const PngImage image = randomImage(37, 11, channels, depth, seed++);
      const std::string path = dir + "/img_" + std::to_string(channels) + "_" + std::to_string(depth) + ".png";
      std::string error;
      ASSERT_TRUE(writePng(path, image, &error)) << error;
      PngImage back;
      ASSERT_TRUE(readPng(path, &back, &error)) << error;
      EXPECT_EQ(back.width, image.width);
      EXPECT_EQ(back.height, image.height);
      EXPECT_EQ(back.channels, channels);
      EXPECT_EQ(back.bitDepth, depth);
      EXPECT_EQ(back.samples, image.samples) << channels << " channels, " << depth << " bits";
    }
}

TEST(PngIo, SixteenBitSamplesAreStoredBigEndianAsThePngSpecSays) {
  const std::string dir = test::makeTempDir();
  PngImage image;
  image.width = 2;
  image.height = 1;
  image.bitDepth = 16;
  image.samples = {0x1234, 0xfedc};
  std::string error;
  ASSERT_TRUE(writePng(dir + "/a.png", image, &error)) << error;
  // The hand-made file stores 0x1234 as the bytes 12 34 (PNG is big-endian): the reader must decode it to
  // 0x1234, and our writer's file (checked through the same reader) must hold the same samples.
  writeBytes(dir + "/b.png", handMadePng(2, 1, 16, 0, {{0x12, 0x34, 0xfe, 0xdc}}));
  PngImage fromOurs, fromHand;
  ASSERT_TRUE(readPng(dir + "/a.png", &fromOurs, &error)) << error;
  ASSERT_TRUE(readPng(dir + "/b.png", &fromHand, &error)) << error;
  EXPECT_EQ(fromOurs.samples, fromHand.samples);
  EXPECT_EQ(fromHand.samples, image.samples);
}

TEST(PngIo, ReadsLowBitDepthGrayExpandedTo8Bit) {
  const std::string dir = test::makeTempDir();
  // 2-bit gray, 5 pixels: 0,1,2,3,1 packed MSB first -> 00 01 10 11 | 01 000000
  writeBytes(dir + "/g2.png", handMadePng(5, 1, 2, 0, {{0x1b, 0x40}}));
  PngImage image;
  std::string error;
  ASSERT_TRUE(readPng(dir + "/g2.png", &image, &error)) << error;
  EXPECT_EQ(image.channels, 1u);
  EXPECT_EQ(image.bitDepth, 8u);
  // Expansion scales to the full 8-bit range: v * 255 / 3.
  EXPECT_EQ(image.samples, (std::vector<uint16_t>{0, 85, 170, 255, 85}));
}

TEST(PngIo, ReadsPaletteImagesAsRgbOrRgba) {
  const std::string dir = test::makeTempDir();
  const std::vector<uint8_t> palette = {10, 20, 30, 40, 50, 60, 70, 80, 90};
  // 4-bit indices 2,0,1 -> 0x20 0x10
  writeBytes(dir + "/p.png", handMadePng(3, 1, 4, 3, {{0x20, 0x10}}, palette));
  PngImage image;
  std::string error;
  ASSERT_TRUE(readPng(dir + "/p.png", &image, &error)) << error;
  EXPECT_EQ(image.channels, 3u);
  EXPECT_EQ(image.samples, (std::vector<uint16_t>{70, 80, 90, 10, 20, 30, 40, 50, 60}));

  writeBytes(dir + "/pa.png", handMadePng(3, 1, 4, 3, {{0x20, 0x10}}, palette, {255, 0}));
  ASSERT_TRUE(readPng(dir + "/pa.png", &image, &error)) << error;
  EXPECT_EQ(image.channels, 4u);
  EXPECT_EQ(image.samples, (std::vector<uint16_t>{70, 80, 90, 255, 10, 20, 30, 255, 40, 50, 60, 0}));
}

TEST(PngIo, ReadErrorsNameTheFileAndReason) {
  const std::string dir = test::makeTempDir();
  PngImage image;
  std::string error;
  EXPECT_FALSE(readPng(dir + "/missing.png", &image, &error));
  EXPECT_NE(error.find("missing.png"), std::string::npos) << error;
  EXPECT_NE(error.find("No such file"), std::string::npos) << error;

  writeBytes(dir + "/text.png", std::vector<uint8_t>{'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'});
  EXPECT_FALSE(readPng(dir + "/text.png", &image, &error));
  EXPECT_NE(error.find("not a PNG"), std::string::npos) << error;

  // A real PNG cut in the middle of its image data.
  ASSERT_TRUE(writePng(dir + "/whole.png", randomImage(64, 64, 1, 16, 7), &error)) << error;
  std::vector<uint8_t> bytes = slurpBytes(dir + "/whole.png");
  bytes.resize(bytes.size() / 2);
  writeBytes(dir + "/cut.png", bytes);
  EXPECT_FALSE(readPng(dir + "/cut.png", &image, &error));
  EXPECT_NE(error.find("cut.png"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << "one line: " << error;

  // A flipped bit in the IHDR makes its CRC wrong.
  bytes = slurpBytes(dir + "/whole.png");
  bytes[20] ^= 0x01;
  writeBytes(dir + "/crc.png", bytes);
  EXPECT_FALSE(readPng(dir + "/crc.png", &image, &error));
  EXPECT_NE(error.find("crc.png"), std::string::npos) << error;
}

TEST(PngIo, InvalidImagesAreRefusedAndLeaveExistingFilesUntouched) {
  const std::string dir = test::makeTempDir();
  const std::string path = dir + "/keep.png";
  writeBytes(path, {'o', 'l', 'd'});
  std::string error;

  PngImage wrongCount = randomImage(4, 4, 1, 8, 3);
  wrongCount.samples.pop_back();
  EXPECT_FALSE(writePng(path, wrongCount, &error));
  EXPECT_NE(error.find("keep.png"), std::string::npos) << error;

  PngImage tooBright = randomImage(4, 4, 1, 8, 3);
  tooBright.samples[5] = 256;
  EXPECT_FALSE(writePng(path, tooBright, &error));

  PngImage badDepth = randomImage(4, 4, 1, 8, 3);
  badDepth.bitDepth = 4;
  EXPECT_FALSE(writePng(path, badDepth, &error));

  PngImage empty;
  EXPECT_FALSE(writePng(path, empty, &error));

  EXPECT_EQ(slurpBytes(path), (std::vector<uint8_t>{'o', 'l', 'd'}));
  EXPECT_EQ(countEntries(dir), 1u) << "no temporary file may remain";
}

TEST(PngIo, UnwritableDestinationsFailWithOneLine) {
  const std::string dir = test::makeTempDir();
  std::string error;
  const PngImage image = randomImage(4, 4, 1, 8, 3);
  EXPECT_FALSE(writePng(dir + "/no/such/folder/x.png", image, &error));
  EXPECT_NE(error.find("x.png"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  EXPECT_FALSE(writePng(dir, image, &error)) << "a folder is not a file";
  EXPECT_EQ(countEntries(dir), 0u);
}

// Mask files: round trips of every format and storage, the exact 8/16-bit histograms of docs/method.md §7.2, the
// storage choice (refuse an implicit loss, warn on an explicit one), the peers' masks, read errors, and
// atomicity. The expected levels are computed here from the ranks, independently of the export code.
#include "gpu_test.h"
#include "test_files.h"
#include "specdither/ktx2_format.h"
#include "specdither/mask_io.h"
#include "mask/npy_io.h"
#include "specdither/png_io.h"
#include "mask/ktx2_parse.h"

#include <dirent.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <numeric>
#include <random>

using namespace specdither;

using specdither::test::slurpBytes;
using specdither::test::writeBytes;
using specdither::test::randomPermutationMask;
using specdither::test::entries;

namespace {

MaskExportOptions withFormat(const std::string& format, int bits = 0) {
  MaskExportOptions options;
  options.format = format;
  options.bits = bits;
  return options;
}

// The stored level of every pixel, straight from docs/method.md §7.2: rank * 2^bits / N.
std::vector<uint32_t> expectedLevels(const Mask& mask, int bits) {
  const std::vector<uint32_t> ranks = ranksOf(mask);
  std::vector<uint32_t> levels(ranks.size());
  for (size_t i = 0; i < ranks.size(); ++i) levels[i] = uint32_t((uint64_t(ranks[i]) << bits) / ranks.size());
  return levels;
}

struct Size {
  uint32_t width, height;
};
const Size kSizes[] = {{16, 16}, {10, 10}, {64, 32}, {64, 64}, {97, 13}};

}  // namespace

TEST(MaskIo, FloatFormatsRoundTripBitForBit) {
  const std::string dir = test::makeTempDir();
  for (const Size s : kSizes) {
    Mask mask = randomPermutationMask(s.width, s.height, s.width * 7 + s.height);
    mask.values[0] = 0.123456789f;  // not a rank value: float storage keeps whatever it is given
    for (const char* ext : {".ktx2", ".npy"}) {
      const std::string path = dir + "/f" + std::to_string(s.width) + "x" + std::to_string(s.height) + ext;
      std::string error;
      ASSERT_TRUE(writeMask(mask, path, withFormat("r32f"), &error)) << error;
      Mask back;
      ASSERT_TRUE(readMask(path, &back, &error)) << error;
      ASSERT_EQ(back.shape, mask.shape);
      ASSERT_EQ(back.values.size(), mask.values.size());
      EXPECT_EQ(std::memcmp(back.values.data(), mask.values.data(), mask.values.size() * 4), 0) << path;
    }
  }
}

TEST(MaskIo, IntegerFormatsStoreTheDesignLevelsAndReadBackTheirCenters) {
  const std::string dir = test::makeTempDir();
  for (const Size s : kSizes) {
    const Mask mask = randomPermutationMask(s.width, s.height, s.width * 3 + s.height);
    for (int bits : {8, 16}) {
      const std::vector<uint32_t> levels = expectedLevels(mask, bits);
      for (const char* ext : {".png", ".ktx2", ".npy"}) {
        const std::string path = dir + "/m" + std::to_string(s.width) + "x" + std::to_string(s.height) + "_" +
                                 std::to_string(bits) + ext;
        MaskExportOptions options = withFormat("", bits);
        std::string warning, error;
        options.warning = &warning;
        ASSERT_TRUE(writeMask(mask, path, options, &error)) << error;
        Mask back;
        ASSERT_TRUE(readMask(path, &back, &error)) << error;
        ASSERT_EQ(back.values.size(), mask.values.size());
        for (size_t i = 0; i < levels.size(); ++i)
          ASSERT_EQ(back.values[i], float((levels[i] + 0.5) / double(1u << bits))) << path << " pixel " << i;

        // Writing what was read gives the very same file: the stored levels are a fixed point.
        const std::string again = dir + "/again" + ext;
        ASSERT_TRUE(writeMask(back, again, options, &error)) << error;
        EXPECT_EQ(slurpBytes(again), slurpBytes(path)) << path;
        // A permutation that fits stays one; one that does not says so.
        const bool fits = mask.pixelCount() <= (size_t(1) << bits);
        EXPECT_EQ(isExactPermutation(back), fits) << path;
        EXPECT_EQ(warning.empty(), fits) << path << ": " << warning;
        if (fits) EXPECT_EQ(ranksOf(back), ranksOf(mask)) << path;
      }
    }
  }
}

TEST(MaskIo, SixteenBitPngIsTheExactPermutationRankTimes65536OverN) {
  const std::string dir = test::makeTempDir();
  const Mask mask = randomPermutationMask(64, 64, 11);
  std::string error;
  ASSERT_TRUE(writeMask(mask, dir + "/m.png", MaskExportOptions{}, &error)) << error;  // auto: 16 bits
  PngImage image;
  ASSERT_TRUE(readPng(dir + "/m.png", &image, &error)) << error;
  EXPECT_EQ(image.bitDepth, 16u);
  EXPECT_EQ(image.channels, 1u);
  const std::vector<uint32_t> ranks = ranksOf(mask);
  for (size_t i = 0; i < ranks.size(); ++i) ASSERT_EQ(image.samples[i], ranks[i] * 65536 / 4096) << i;
  std::vector<uint16_t> sorted = image.samples;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end()) << "all 4096 values distinct";
}

TEST(MaskIo, EightBitPngHoldsEachLevelExactlyNOver256Times) {
  const std::string dir = test::makeTempDir();
  for (const Size s : {Size{16, 16}, Size{32, 32}, Size{64, 64}, Size{128, 64}}) {
    const Mask mask = randomPermutationMask(s.width, s.height, s.width + 5 * s.height);
    MaskExportOptions options = withFormat("r8");
    std::string warning, error;
    options.warning = &warning;
    ASSERT_TRUE(writeMask(mask, dir + "/m8.png", options, &error)) << error;
    PngImage image;
    ASSERT_TRUE(readPng(dir + "/m8.png", &image, &error)) << error;
    ASSERT_EQ(image.bitDepth, 8u);
    std::vector<size_t> histogram(256, 0);
    for (uint16_t v : image.samples) ++histogram[v];
    const size_t each = mask.pixelCount() / 256;
    for (int level = 0; level < 256; ++level) ASSERT_EQ(histogram[level], each) << s.width << "x" << s.height;
    EXPECT_EQ(warning.empty(), mask.pixelCount() == 256) << warning;
  }
}

TEST(MaskIo, AutomaticStorageNeverLosesTheOrderAndRefusesWhenItWould) {
  const std::string dir = test::makeTempDir();
  std::string error;
  PngImage image;
  ASSERT_TRUE(writeMask(randomPermutationMask(16, 16, 1), dir + "/a.png", {}, &error)) << error;
  ASSERT_TRUE(readPng(dir + "/a.png", &image, &error)) << error;
  EXPECT_EQ(image.bitDepth, 8u) << "N = 256 fits 8 bits exactly";
  ASSERT_TRUE(writeMask(randomPermutationMask(20, 20, 1), dir + "/b.png", {}, &error)) << error;
  ASSERT_TRUE(readPng(dir + "/b.png", &image, &error)) << error;
  EXPECT_EQ(image.bitDepth, 16u) << "N = 400 needs 16 bits";

  // 512x512 = 262144 distinct values: no PNG keeps them apart. Implicitly: refused, naming the way out.
  const Mask big = randomPermutationMask(512, 512, 2);
  EXPECT_FALSE(writeMask(big, dir + "/big.png", {}, &error));
  EXPECT_NE(error.find("--bits 16"), std::string::npos) << error;
  EXPECT_FALSE(test::fileExists(dir + "/big.png"));
  // Explicitly: written, with each 16-bit level held by exactly 4 pixels, and a warning.
  MaskExportOptions sixteen = withFormat("", 16);
  std::string warning;
  sixteen.warning = &warning;
  ASSERT_TRUE(writeMask(big, dir + "/big.png", sixteen, &error)) << error;
  EXPECT_NE(warning.find("permutation"), std::string::npos) << warning;
  ASSERT_TRUE(readPng(dir + "/big.png", &image, &error)) << error;
  std::vector<uint32_t> histogram(65536, 0);
  for (uint16_t v : image.samples) ++histogram[v];
  EXPECT_TRUE(std::all_of(histogram.begin(), histogram.end(), [](uint32_t c) { return c == 4; }));
  // KTX2 has a lossless answer: float32.
  ASSERT_TRUE(writeMask(big, dir + "/big.ktx2", {}, &error)) << error;
  Ktx2Texture texture;
  ASSERT_TRUE(readKtx2(dir + "/big.ktx2", &texture, &error)) << error;
  EXPECT_EQ(texture.vkFormat, ktx2::kR32Sfloat);
}

TEST(MaskIo, TiedMasksKeepTheirTiesWhenReExported) {
  // An 8-bit mask read back has ties; 16-bit export must not invent an order among them: level8 * 256.
  const std::string dir = test::makeTempDir();
  const Mask mask = randomPermutationMask(64, 64, 5);
  std::string error;
  ASSERT_TRUE(writeMask(mask, dir + "/m8.png", withFormat("r8"), &error)) << error;
  Mask tied;
  ASSERT_TRUE(readMask(dir + "/m8.png", &tied, &error)) << error;
  ASSERT_TRUE(writeMask(tied, dir + "/auto.png", {}, &error)) << error;
  PngImage eight, autoChosen;
  ASSERT_TRUE(readPng(dir + "/m8.png", &eight, &error)) << error;
  ASSERT_TRUE(readPng(dir + "/auto.png", &autoChosen, &error)) << error;
  EXPECT_EQ(autoChosen.bitDepth, 8u) << "256 distinct values fit 8 bits";
  EXPECT_EQ(autoChosen.samples, eight.samples);
  ASSERT_TRUE(writeMask(tied, dir + "/m16.png", withFormat("r16"), &error)) << error;
  PngImage sixteen;
  ASSERT_TRUE(readPng(dir + "/m16.png", &sixteen, &error)) << error;
  for (size_t i = 0; i < eight.samples.size(); ++i) ASSERT_EQ(sixteen.samples[i], eight.samples[i] * 256) << i;
}

TEST(MaskIo, KtxFileCarriesFormatWriterAndGenerationParameters) {
  const std::string dir = test::makeTempDir();
  const Mask mask = randomPermutationMask(40, 24, 9);
  MaskExportOptions options = withFormat("r16");
  options.metadata = {{"preset", "wronski2020"}, {"seed", "42"}, {"size", "40x24"}};
  std::string error;
  ASSERT_TRUE(writeMask(mask, dir + "/m.ktx2", options, &error)) << error;
  Ktx2Texture t;
  ASSERT_TRUE(readKtx2(dir + "/m.ktx2", &t, &error)) << error;
  EXPECT_EQ(t.vkFormat, ktx2::kR16Unorm);
  EXPECT_EQ(t.typeSize, 2u);
  EXPECT_EQ(t.width, 40u);
  EXPECT_EQ(t.height, 24u);
  EXPECT_EQ(t.levelCount, 1u);
  EXPECT_EQ(t.keyValues["KTXwriter"], std::string("specdither ") + SPECDITHER_VERSION_STRING);
  EXPECT_EQ(t.keyValues["KTXorientation"], "rd");
  EXPECT_EQ(t.keyValues["specdither.preset"], "wronski2020");
  EXPECT_EQ(t.keyValues["specdither.seed"], "42");
  EXPECT_EQ(t.keyValues["specdither.size"], "40x24");
  // DFD: total 44 bytes, one 40-byte basic block, RGBSDA / BT709 / linear, 2 bytes per texel, one 16-bit red
  // sample spanning 0..65535.
  ASSERT_EQ(t.dfd.size(), 11u);
  EXPECT_EQ(t.dfd[0], 44u);
  EXPECT_EQ(t.dfd[1], 0u);
  EXPECT_EQ(t.dfd[2], 2u | (40u << 16));
  EXPECT_EQ(t.dfd[3], 1u | (1u << 8) | (1u << 16));
  EXPECT_EQ(t.dfd[5], 2u);
  EXPECT_EQ(t.dfd[7], 15u << 16);
  EXPECT_EQ(t.dfd[9], 0u);
  EXPECT_EQ(t.dfd[10], 65535u);
  // Level 0 holds the design levels, little-endian.
  const std::vector<uint32_t> levels = expectedLevels(mask, 16);
  for (size_t i = 0; i < levels.size(); ++i)
    ASSERT_EQ(uint32_t(t.level0[2 * i] | t.level0[2 * i + 1] << 8), levels[i]) << i;
}

TEST(MaskIo, NpyHeaderIsVersion1LittleEndianCOrderShapeHeightWidth) {
  const std::string dir = test::makeTempDir();
  const Mask mask = randomPermutationMask(48, 20, 4);
  std::string error;
  ASSERT_TRUE(writeMask(mask, dir + "/m.npy", {}, &error)) << error;
  ASSERT_TRUE(writeMask(mask, dir + "/m16.npy", withFormat("r16"), &error)) << error;
  for (const auto& [file, descr] : {std::pair<std::string, std::string>{"/m.npy", "'<f4'"}, {"/m16.npy", "'<u2'"}}) {
    const std::vector<uint8_t> bytes = slurpBytes(dir + file);
    ASSERT_GT(bytes.size(), 10u);
    EXPECT_EQ(std::string(bytes.begin(), bytes.begin() + 6), "\x93NUMPY");
    EXPECT_EQ(bytes[6], 1);
    EXPECT_EQ(bytes[7], 0);
    const size_t headerLength = bytes[8] | bytes[9] << 8;
    EXPECT_EQ((10 + headerLength) % 64, 0u) << "data starts 64-byte aligned";
    const std::string header(bytes.begin() + 10, bytes.begin() + 10 + long(headerLength));
    EXPECT_EQ(header.back(), '\n');
    EXPECT_NE(header.find("'descr': " + descr), std::string::npos) << header;
    EXPECT_NE(header.find("'fortran_order': False"), std::string::npos) << header;
    EXPECT_NE(header.find("'shape': (20, 48)"), std::string::npos) << header;
    const size_t itemBytes = descr == "'<f4'" ? 4 : 2;
    EXPECT_EQ(bytes.size(), 10 + headerLength + mask.pixelCount() * itemBytes);
  }
}

TEST(MaskIo, NpyReaderTransposesFortranOrderAndAcceptsFloat64) {
  // Built by hand: a 4x5 float64 array in Fortran order, as np.asfortranarray(a).astype(np.float64) saves it.
  constexpr int kRows = 4, kColumns = 5;
  auto a = [](int r, int c) { return (r * kColumns + c + 0.3) / (kRows * kColumns); };
  std::string header = "{'descr': '<f8', 'fortran_order': True, 'shape': (4, 5), }";
  header.append(64 - (10 + header.size() + 1) % 64, ' ');
  header += '\n';
  std::vector<uint8_t> bytes = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, uint8_t(header.size()), 0};
  bytes.insert(bytes.end(), header.begin(), header.end());
  for (int c = 0; c < kColumns; ++c)
    for (int r = 0; r < kRows; ++r) {
      const double v = a(r, c);
      uint8_t raw[8];
      std::memcpy(raw, &v, 8);
      bytes.insert(bytes.end(), raw, raw + 8);
    }
  const std::string dir = test::makeTempDir();
  writeBytes(dir + "/f.npy", bytes);
  Mask mask;
  std::string error;
  ASSERT_TRUE(readMask(dir + "/f.npy", &mask, &error)) << error;
  EXPECT_EQ(mask.shape, (MaskShape{kColumns, kRows}));
  for (int r = 0; r < kRows; ++r)
    for (int c = 0; c < kColumns; ++c) EXPECT_EQ(mask.values[r * kColumns + c], float(a(r, c)));
}

TEST(MaskIo, PeerMasksLoad) {
  const std::string peers = test::sharedDataDir() + "/data/peers";
  if (entries(peers).empty()) GTEST_SKIP() << "no peer masks at " << peers << " (shared data folder absent)";
  size_t loaded = 0;
  for (const std::string sub : {"peters_cc0", "fast_ea"})
    for (const std::string& name : entries(peers + "/" + sub)) {
      if (name.size() < 4 || name.substr(name.size() - 4) != ".png") continue;
      const std::string path = peers + "/" + sub + "/" + name;
      Mask mask;
      std::string error;
      ASSERT_TRUE(readMask(path, &mask, &error)) << error;
      ++loaded;
      const size_t n = mask.pixelCount();
      std::map<float, size_t> counts;
      for (float v : mask.values) {
        ASSERT_GT(v, 0.f);
        ASSERT_LT(v, 1.f);
        ++counts[v];
      }
      if (name.find("_HDR_") != std::string::npos) {
        // 16-bit, value = rank * 65536 / N: an exact permutation.
        EXPECT_EQ(counts.size(), n) << path;
      } else if (n >= 256) {
        // 8-bit RGBA with R = G = B: every level n/256 times.
        EXPECT_EQ(counts.size(), 256u) << path;
        for (const auto& [value, count] : counts) ASSERT_EQ(count, n / 256) << path << " value " << value;
      }
    }
  EXPECT_GT(loaded, 0u);
}

TEST(MaskIo, ReadErrorsAreOneLineNamingTheFile) {
  const std::string dir = test::makeTempDir();
  Mask mask;
  std::string error;
  auto expectOneLineError = [&](const std::string& path, const std::string& fragment) {
    EXPECT_FALSE(readMask(path, &mask, &error)) << path;
    EXPECT_NE(error.find(path), std::string::npos) << error;
    EXPECT_NE(error.find(fragment), std::string::npos) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  };

  PngImage color;
  color.width = 4;
  color.height = 8;
  color.channels = 3;
  for (uint16_t i = 0; i < 32; ++i) color.samples.insert(color.samples.end(), {i, i, i});
  color.samples[3 * 6 + 1] = 40;  // pixel (2, 1) is not gray
  ASSERT_TRUE(writePng(dir + "/color.png", color, &error)) << error;
  // A colour image is a colour mask (docs/method.md §11); read as an atlas, a colour stack (§11.6).
  ASSERT_TRUE(readMask(dir + "/color.png", &mask, &error)) << error;
  EXPECT_EQ(mask.shape, (MaskShape{4, 8, 1, 3}));
  EXPECT_FLOAT_EQ(mask.values[6 * 3 + 1], 40.5f / 256);
  MaskReadOptions atlas;
  atlas.atlasSlices = 2;
  ASSERT_TRUE(readMask(dir + "/color.png", &mask, &error, atlas)) << error;
  EXPECT_EQ(mask.shape, (MaskShape{4, 4, 2, 3}));
  EXPECT_FLOAT_EQ(mask.values[6 * 3 + 1], 40.5f / 256);

  const Mask good = randomPermutationMask(8, 8, 1);
  ASSERT_TRUE(writeMask(good, dir + "/good.ktx2", {}, &error)) << error;
  std::vector<uint8_t> ktx = slurpBytes(dir + "/good.ktx2");
  writeBytes(dir + "/cut.ktx2", std::vector<uint8_t>(ktx.begin(), ktx.end() - 10));
  expectOneLineError(dir + "/cut.ktx2", "truncated");
  std::vector<uint8_t> wrongFormat = ktx;
  wrongFormat[12] = 43;  // VK_FORMAT_R8G8B8A8_SRGB: colors, not thresholds
  writeBytes(dir + "/srgb.ktx2", wrongFormat);
  expectOneLineError(dir + "/srgb.ktx2", "vkFormat 43");
  writeBytes(dir + "/short.ktx2", std::vector<uint8_t>(ktx.begin(), ktx.begin() + 20));
  expectOneLineError(dir + "/short.ktx2", "truncated header");
  writeBytes(dir + "/text.ktx2", std::vector<uint8_t>(40, 'x'));
  expectOneLineError(dir + "/text.ktx2", "identifier");

  ASSERT_TRUE(writeMask(good, dir + "/good.npy", {}, &error)) << error;
  std::vector<uint8_t> npy = slurpBytes(dir + "/good.npy");
  writeBytes(dir + "/cut.npy", std::vector<uint8_t>(npy.begin(), npy.end() - 4));
  expectOneLineError(dir + "/cut.npy", "needs");
  std::vector<uint8_t> bigEndian = npy;
  const auto descr = std::search(bigEndian.begin(), bigEndian.end(), std::begin("<f4"), std::end("<f4") - 1);
  ASSERT_NE(descr, bigEndian.end());
  *descr = '>';
  writeBytes(dir + "/be.npy", bigEndian);
  expectOneLineError(dir + "/be.npy", "'>f4'");
  // A non-finite value is never written, in any format or storage: one line, no file (issue 13).
  for (float bad : {std::nanf(""), -std::nanf(""), INFINITY, -INFINITY}) {
    Mask withBad = good;
    withBad.values[3] = bad;
    for (const char* name : {"bad.npy", "bad.png", "bad.ktx2", "bad.h", "bad.glsl"})
      for (const char* format : {"", "r32f"}) {
        MaskExportOptions options;
        options.format = format;
        error.clear();
        EXPECT_FALSE(writeMask(withBad, dir + "/" + name, options, &error)) << name << " " << bad;
        EXPECT_NE(error.find("non-finite"), std::string::npos) << error;
        EXPECT_EQ(error.find('\n'), std::string::npos) << error;
        EXPECT_FALSE(test::fileExists(dir + "/" + name)) << name;
      }
  }

  expectOneLineError(dir + "/missing.png", "No such file");
  expectOneLineError(dir + "/missing.npy", "No such file");
  expectOneLineError(dir + "/mask.tif", "unknown extension");
  ASSERT_TRUE(writeMask(good, dir + "/m.h", {}, &error)) << error;
  expectOneLineError(dir + "/m.h", "write-only");
}

TEST(MaskIo, FailedWritesLeaveNoFileAndExistingFilesUntouched) {
  const std::string dir = test::makeTempDir();
  const std::vector<uint8_t> old = {'o', 'l', 'd'};
  for (const char* name : {"keep.png", "keep.h", "keep.glsl", "keep.ktx2", "keep.npy"})
    writeBytes(dir + "/" + name, old);
  std::string error;
  const Mask big = randomPermutationMask(512, 512, 1);
  const Mask wide = randomPermutationMask(257, 8, 1);
  const Mask small = randomPermutationMask(8, 8, 1);
  MaskExportOptions badName;
  badName.name = "float";
  EXPECT_FALSE(writeMask(big, dir + "/keep.png", {}, &error)) << "implicit loss";
  EXPECT_FALSE(writeMask(small, dir + "/keep.png", withFormat("r32f"), &error)) << "no float PNG";
  EXPECT_FALSE(writeMask(small, dir + "/keep.png", withFormat("r8", 16), &error)) << "contradiction";
  EXPECT_FALSE(writeMask(small, dir + "/keep.png", withFormat("", 12), &error));
  EXPECT_FALSE(writeMask(small, dir + "/keep.png", withFormat("r12"), &error));
  EXPECT_FALSE(writeMask(wide, dir + "/keep.h", {}, &error));
  EXPECT_NE(error.find("256x256"), std::string::npos) << error;
  EXPECT_FALSE(writeMask(wide, dir + "/keep.glsl", {}, &error));
  EXPECT_FALSE(writeMask(small, dir + "/keep.h", badName, &error));
  EXPECT_NE(error.find("'float'"), std::string::npos) << error;
  MaskExportOptions nulKey;
  nulKey.metadata[std::string("a\0b", 3)] = "x";
  EXPECT_FALSE(writeMask(small, dir + "/keep.ktx2", nulKey, &error));
  Mask broken = small;
  broken.values.pop_back();
  EXPECT_FALSE(writeMask(broken, dir + "/keep.npy", {}, &error));
  EXPECT_FALSE(writeMask(small, dir + "/keep.tiff", {}, &error));
  EXPECT_NE(error.find("unknown extension"), std::string::npos) << error;
  EXPECT_FALSE(writeMask(small, dir + "/keep.png/inside.png", {}, &error)) << "a file is not a folder";

  for (const char* name : {"keep.png", "keep.h", "keep.glsl", "keep.ktx2", "keep.npy"})
    EXPECT_EQ(slurpBytes(dir + "/" + name), old) << name;
  EXPECT_EQ(entries(dir), (std::vector<std::string>{"keep.glsl", "keep.h", "keep.ktx2", "keep.npy", "keep.png"}));
}

TEST(MaskIo, SourceNamesMustBeIdentifiersInCAndGlsl) {
  const std::string dir = test::makeTempDir();
  const Mask mask = randomPermutationMask(4, 4, 1);
  std::string error;
  for (const char* bad :
       {"", "9lives", "_hidden", "has space", "dash-ed", "gl_Mask", "two__under", "uint", "int", "vec4", "dmat3x2",
        "sampler2D", "usamplerCubeArray", "image3D", "const", "main", "sample", "x\"y", "a;b"}) {
    MaskExportOptions options;
    options.name = bad;
    EXPECT_FALSE(writeMask(mask, dir + "/m.glsl", options, &error)) << "'" << bad << "'";
    EXPECT_EQ(error.find('\n'), std::string::npos);
  }
  for (const char* good : {"blue_noise", "Mask64", "m", "dither_8x8", "vector", "images", "matrix", "sampler_mask"}) {
    MaskExportOptions options;
    options.name = good;
    EXPECT_TRUE(writeMask(mask, dir + "/m.h", options, &error)) << good << ": " << error;
  }
  EXPECT_EQ(entries(dir), std::vector<std::string>{"m.h"});
}

TEST(MaskIo, CorruptFilesAreErrorsNotCrashes) {
  // Truncations at every length and random byte flips anywhere: readers must return (either way) with one line,
  // never crash or read out of bounds. KTX2 and .npy are parsed in memory (many trials, fast); PNG goes through
  // files, since libpng reads from a FILE.
  const std::string dir = test::makeTempDir();
  const Mask mask = randomPermutationMask(12, 10, 3);
  std::mt19937 rng(2024);
  auto corrupt = [&](std::vector<uint8_t> bytes) {
    for (int k = 0; k < 3; ++k) bytes[rng() % bytes.size()] ^= uint8_t(1u << (rng() % 8));
    return bytes;
  };
  std::string error;
  for (const char* ext : {".ktx2", ".npy"}) {
    ASSERT_TRUE(writeMask(mask, dir + "/good" + ext, {}, &error)) << error;
    const std::vector<uint8_t> bytes = slurpBytes(dir + "/good" + ext);
    auto parse = [&](const std::vector<uint8_t>& in, std::string* reason) {
      if (std::string(ext) == ".ktx2") {
        Ktx2Texture t;
        const bool ok = parseKtx2(in, &t, reason);
        if (ok) EXPECT_EQ(t.level0.size(), size_t(t.width) * t.height * t.typeSize);
        return ok;
      }
      NpyArray a;
      const bool ok = parseNpy(in, &a, reason);
      if (ok) EXPECT_EQ(a.data.size(), a.shape.valueCount() * npyElementBytes(a.descr));
      return ok;
    };
    for (size_t length = 0; length < bytes.size(); ++length) {
      std::string reason;
      EXPECT_FALSE(parse(std::vector<uint8_t>(bytes.begin(), bytes.begin() + long(length)), &reason))
          << ext << " cut to " << length;
      EXPECT_EQ(reason.find('\n'), std::string::npos);
    }
    for (int trial = 0; trial < 2000; ++trial) {
      std::string reason;
      if (!parse(corrupt(bytes), &reason)) EXPECT_EQ(reason.find('\n'), std::string::npos) << reason;
    }
  }
  ASSERT_TRUE(writeMask(mask, dir + "/good.png", {}, &error)) << error;
  const std::vector<uint8_t> png = slurpBytes(dir + "/good.png");
  for (int trial = 0; trial < 150; ++trial) {
    const bool cut = trial % 3 == 0;
    writeBytes(dir + "/bad.png",
               cut ? std::vector<uint8_t>(png.begin(), png.begin() + long(rng() % png.size())) : corrupt(png));
    Mask out;
    if (readMask(dir + "/bad.png", &out, &error))
      EXPECT_EQ(out.values.size(), out.pixelCount());
    else
      EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  }
}

namespace {

// checkMaskOutput predicts writeMask's answer for a permutation of the shape (what generate makes), so a long run
// refused by it would have ended in a refused write, and one it lets through is written.
TEST(MaskIo, CheckMaskOutputAgreesWithWriteMask) {
  const std::string dir = test::makeTempDir();
  struct Case {
    std::string file;
    MaskShape shape;
    MaskExportOptions options;
  };
  MaskExportOptions badName;
  badName.name = "9x";
  const std::vector<Case> cases = {
      {"a.png", {16, 16}, {}},
      {"a.png", {512, 256}, {}},
      {"a.png", {512, 256}, withFormat("", 16)},
      {"a.png", {64, 64}, withFormat("", 8)},
      {"a.png", {16, 16}, withFormat("r32f")},
      {"a.png", {8, 8, 2}, {}},
      {"a.ktx2", {512, 256}, {}},
      {"a.ktx2", {8, 8, 3}, {}},
      {"a.ktx2", {8, 8, 2, 4}, {}},
      {"a.npy", {8, 8, 3, 3}, {}},
      {"a.npy", {16, 16}, withFormat("r8", 16)},
      {"a.h", {256, 16}, {}},
      {"a.h", {257, 16}, {}},
      {"a.glsl", {16, 300}, {}},
      {"a.h", {16, 16}, badName},
      {"a.h", {8, 8, 2}, {}},
      {"a.tif", {16, 16}, {}},
      {"missing/a.png", {16, 16}, {}},
  };
  for (const Case& c : cases) {
    const std::string path = dir + "/" + c.file;
    Mask mask;
    mask.shape = c.shape;
    mask.values.resize(mask.valueCount());
    // Every plane a permutation.
    for (size_t i = 0; i < mask.values.size(); ++i) {
      const size_t pixel = i % (c.shape.planeSize() * c.shape.channels) / c.shape.channels;
      mask.values[i] = float((pixel + 0.5) / double(c.shape.planeSize()));
    }
    std::string warning, error;
    MaskExportOptions options = c.options;
    options.warning = &warning;
    const std::string predicted = checkMaskOutput(path, c.shape, options);
    const bool written = writeMask(mask, path, options, &error);
    EXPECT_EQ(predicted.empty(), written) << c.file << " " << toString(c.shape) << ": " << predicted << " / " << error;
    if (!written) EXPECT_EQ(predicted, error) << "the same line before the work as after it";
    std::remove(path.c_str());
  }
}

}  // namespace

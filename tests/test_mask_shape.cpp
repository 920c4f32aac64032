// A mask knows its shape (mask.h): slices and channels, each plane its own permutation, carried through .npy
// (2, 3 and 4 dimensions) and .ktx2 (array layers, 2 and 4 components); the one size check; and a clear refusal
// wherever a shape is not supported yet.
#include "mask/npy_io.h"
#include "specdither/baseline_masks.h"
#include "hvs/hvs_kernel.h"
#include "specdither/hvs_levels.h"
#include "specdither/ktx2_format.h"
#include "specdither/mask.h"
#include "specdither/mask_io.h"
#include "specdither/mask_metrics.h"
#include "specdither/mask_report.h"
#include "specdither/spectral_optimizer.h"
#include "specdither/swap_optimizer.h"
#include "specdither/swap_start_selection.h"
#include "gpu_test.h"
#include "test_files.h"
#include "mask/ktx2_parse.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <numeric>
#include <random>
#include <stdexcept>

using namespace specdither;
using test::slurpBytes;

namespace {

// Ranks where every (slice, channel) plane is its own random permutation, placed by the layout mask.h
// documents: index = ((slice * height + y) * width + x) * channels + channel. Written out here, not through
// MaskShape::planeOffset, so that the layout itself is under test.
RankGrid randomGrid(const MaskShape& shape, uint32_t seed) {
  RankGrid grid{shape, std::vector<uint32_t>(shape.valueCount())};
  std::mt19937 rng(seed);
  std::vector<uint32_t> plane(size_t(shape.width) * shape.height);
  for (uint32_t t = 0; t < shape.slices; ++t)
    for (uint32_t c = 0; c < shape.channels; ++c) {
      std::iota(plane.begin(), plane.end(), 0u);
      std::shuffle(plane.begin(), plane.end(), rng);
      for (uint32_t y = 0; y < shape.height; ++y)
        for (uint32_t x = 0; x < shape.width; ++x)
          grid.ranks[((size_t(t) * shape.height + y) * shape.width + x) * shape.channels + c] =
              plane[size_t(y) * shape.width + x];
    }
  return grid;
}

MaskExportOptions withFormat(const std::string& format) {
  MaskExportOptions o;
  o.format = format;
  return o;
}

uint32_t u32At(const std::vector<uint8_t>& bytes, size_t at) {
  uint32_t v;
  std::memcpy(&v, &bytes[at], 4);
  return v;
}

const MaskShape kShapes[] = {{16, 8}, {16, 8, 3}, {16, 8, 1, 2}, {16, 8, 3, 4}, {12, 10, 2, 2}};

TEST(MaskShape, CountsLayoutAndReadableNames) {
  const MaskShape s{64, 32, 5, 4};
  EXPECT_EQ(s.planeSize(), 64u * 32);
  EXPECT_EQ(s.planeCount(), 20u);
  EXPECT_EQ(s.pixelCount(), 64u * 32 * 5);
  EXPECT_EQ(s.valueCount(), 64u * 32 * 5 * 4);
  EXPECT_FALSE(s.is2D());
  EXPECT_TRUE((MaskShape{64, 32}.is2D()));
  // Plane 4 * 2 + 3 (slice 2, channel 3) starts at slice 2's first pixel, channel 3.
  EXPECT_EQ(s.planeOffset(2 * 4 + 3), size_t(2) * 64 * 32 * 4 + 3);
  EXPECT_EQ(toString({64, 64}), "64x64");
  EXPECT_EQ(toString({128, 128, 32}), "128x128x32");
  EXPECT_EQ(toString({64, 64, 1, 4}), "64x64x1 RGBA");
  EXPECT_EQ(toString({64, 64, 8, 2}), "64x64x8 RG");
}

TEST(MaskShape, OneSizeCheck) {
  for (const MaskShape& fine : {MaskShape{4, 4}, MaskShape{4096, 4}, MaskShape{64, 64, 4096}, MaskShape{64, 64, 1, 4}})
    EXPECT_EQ(checkMaskShape(fine), "") << toString(fine);
  const std::pair<MaskShape, const char*> refused[] = {
      {{3, 64}, "each side 4 to 4096"}, {{64, 4097}, "each side 4 to 4096"}, {{0, 0}, "each side 4 to 4096"},
      {{64, 64, 0}, "slices"},          {{64, 64, 4097}, "slices"},          {{64, 64, 1, 5}, "channels"},
      {{64, 64, 1, 0}, "channels"},     {{4096, 4096, 32, 1}, "values"}};
  for (const auto& [shape, fragment] : refused) {
    const std::string reason = checkMaskShape(shape);
    EXPECT_NE(reason.find(fragment), std::string::npos) << toString(shape) << ": " << reason;
    EXPECT_EQ(reason.find('\n'), std::string::npos) << reason;
  }
}

TEST(MaskShape, RanksAndExactPermutationArePerPlane) {
  const MaskShape shape{8, 6, 3, 2};
  const RankGrid grid = randomGrid(shape, 5);
  const Mask mask = maskFromRanks(grid);
  EXPECT_EQ(mask.shape, shape);
  // Values (rank + 0.5) / planeSize: each plane holds the same values, in its own order.
  for (size_t i = 0; i < mask.values.size(); ++i) ASSERT_EQ(mask.values[i], float((grid.ranks[i] + 0.5) / 48.0)) << i;
  EXPECT_EQ(ranksOf(mask), grid.ranks);
  EXPECT_TRUE(isExactPermutation(mask));  // equal values across planes are no tie
  EXPECT_EQ(rankNormalized(mask).values, mask.values);

  Mask tied = mask;
  const size_t plane = 2 * 2 + 1;  // slice 2, channel 1
  const size_t a = shape.planeOffset(plane), b = a + 7 * shape.channels;
  tied.values[b] = tied.values[a];
  EXPECT_FALSE(isExactPermutation(tied));
}

TEST(MaskShape, FloatFilesRoundTripEveryShapeBitForBit) {
  const std::string dir = test::makeTempDir();
  for (const MaskShape& shape : kShapes) {
    Mask mask = maskFromRanks(randomGrid(shape, 9));
    for (float& v : mask.values) v = v * 0.37f + 1e-3f;  // not rank-normalized: any float survives
    for (const char* ext : {".npy", ".ktx2"}) {
      const std::string path = dir + "/m" + ext;
      std::string error;
      ASSERT_TRUE(writeMask(mask, path, withFormat("r32f"), &error)) << toString(shape) << ext << ": " << error;
      Mask back;
      ASSERT_TRUE(readMask(path, &back, &error)) << error;
      EXPECT_EQ(back.shape, shape) << toString(back.shape) << " from " << ext;
      ASSERT_EQ(back.values.size(), mask.values.size());
      EXPECT_EQ(std::memcmp(back.values.data(), mask.values.data(), mask.values.size() * 4), 0)
          << toString(shape) << ext;
    }
  }
}

TEST(MaskShape, IntegerFilesQuantizeEveryPlaneOnItsOwn) {
  const std::string dir = test::makeTempDir();
  for (const MaskShape& shape : kShapes) {
    const RankGrid grid = randomGrid(shape, 21);
    const Mask mask = maskFromRanks(grid);
    for (int bits : {8, 16})
      for (const char* ext : {".npy", ".ktx2"}) {
        const std::string path = dir + "/m" + ext;
        MaskExportOptions options;
        options.bits = bits;
        std::string warning, error;
        options.warning = &warning;  // 8 bits of a 128-pixel plane: lossy on purpose
        ASSERT_TRUE(writeMask(mask, path, options, &error)) << error;
        Mask back;
        ASSERT_TRUE(readMask(path, &back, &error)) << error;
        ASSERT_EQ(back.shape, shape) << ext;
        const double n = double(shape.planeSize()), levels = double(1u << bits);
        for (size_t i = 0; i < grid.ranks.size(); ++i) {
          const double level = std::floor(grid.ranks[i] * levels / n);
          ASSERT_EQ(back.values[i], float((level + 0.5) / levels)) << toString(shape) << ext << " value " << i;
        }
      }
  }
}

TEST(MaskShape, NpyShapeTupleFollowsTheMask) {
  const std::string dir = test::makeTempDir();
  const std::pair<MaskShape, std::string> cases[] = {{{16, 8}, "(8, 16)"},
                                                     {{16, 8, 3}, "(3, 8, 16)"},
                                                     {{16, 8, 1, 4}, "(1, 8, 16, 4)"},
                                                     {{16, 8, 3, 2}, "(3, 8, 16, 2)"}};
  for (const auto& [shape, tuple] : cases) {
    std::string error;
    ASSERT_TRUE(writeMask(maskFromRanks(randomGrid(shape, 1)), dir + "/m.npy", {}, &error)) << error;
    const std::vector<uint8_t> bytes = slurpBytes(dir + "/m.npy");
    const std::string header(bytes.begin() + 10, bytes.begin() + 10 + (bytes[8] | bytes[9] << 8));
    EXPECT_NE(header.find("'shape': " + tuple), std::string::npos) << header;
  }
}

// A (T, H, W, C) array in Fortran order (first index fastest) reads back in C order.
TEST(MaskShape, NpyFortranOrderOfFourDimensions) {
  const uint32_t T = 2, H = 5, W = 4, C = 2;
  auto value = [](uint32_t t, uint32_t y, uint32_t x, uint32_t c) { return float(1000 * t + 100 * y + 10 * x + c); };
  std::vector<float> fortran;
  for (uint32_t c = 0; c < C; ++c)
    for (uint32_t x = 0; x < W; ++x)
      for (uint32_t y = 0; y < H; ++y)
        for (uint32_t t = 0; t < T; ++t) fortran.push_back(value(t, y, x, c));
  std::string header = "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 5, 4, 2), }";
  header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ');  // data 64-byte aligned
  header.push_back('\n');
  std::vector<uint8_t> bytes = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, uint8_t(header.size()), 0};
  bytes.insert(bytes.end(), header.begin(), header.end());
  const uint8_t* data = reinterpret_cast<const uint8_t*>(fortran.data());
  bytes.insert(bytes.end(), data, data + fortran.size() * 4);
  const std::string dir = test::makeTempDir();
  test::writeBytes(dir + "/f.npy", bytes);
  Mask mask;
  std::string error;
  ASSERT_TRUE(readMask(dir + "/f.npy", &mask, &error)) << error;
  ASSERT_EQ(mask.shape, (MaskShape{W, H, T, C}));
  for (uint32_t t = 0; t < T; ++t)
    for (uint32_t y = 0; y < H; ++y)
      for (uint32_t x = 0; x < W; ++x)
        for (uint32_t c = 0; c < C; ++c)
          EXPECT_EQ(mask.values[((size_t(t) * H + y) * W + x) * C + c], value(t, y, x, c));
}

TEST(MaskShape, KtxArrayTexturesAndComponentFormats) {
  const std::string dir = test::makeTempDir();
  struct Case {
    MaskShape shape;
    const char* format;
    uint32_t vkFormat, typeSize;
  };
  const Case cases[] = {
      {{16, 8, 3}, "r16", ktx2::kR16Unorm, 2},
      {{16, 8, 1, 2}, "r8", ktx2::kR8G8Unorm, 1},
      {{16, 8, 1, 2}, "r16", ktx2::kR16G16Unorm, 2},
      {{16, 8, 2, 2}, "r32f", ktx2::kR32G32Sfloat, 4},
      {{16, 8, 1, 4}, "r8", ktx2::kR8G8B8A8Unorm, 1},
      {{16, 8, 3, 4}, "r16", ktx2::kR16G16B16A16Unorm, 2},
      {{16, 8, 1, 4}, "r32f", ktx2::kR32G32B32A32Sfloat, 4},
  };
  for (const Case& k : cases) {
    const std::string path = dir + "/m.ktx2";
    MaskExportOptions options = withFormat(k.format);
    std::string warning, error;
    options.warning = &warning;
    ASSERT_TRUE(writeMask(maskFromRanks(randomGrid(k.shape, 3)), path, options, &error)) << error;
    const std::vector<uint8_t> bytes = slurpBytes(path);
    const std::string what = toString(k.shape) + " " + k.format;
    EXPECT_EQ(u32At(bytes, 12), k.vkFormat) << what;
    EXPECT_EQ(u32At(bytes, 16), k.typeSize) << what;
    EXPECT_EQ(u32At(bytes, 28), 0u) << what << ": pixelDepth";
    EXPECT_EQ(u32At(bytes, 32), k.shape.slices > 1 ? k.shape.slices : 0u) << what << ": layerCount";
    Ktx2Texture texture;
    ASSERT_TRUE(parseKtx2(bytes, &texture, &error)) << error;
    // DFD: a 24-byte block header, then one 16-byte sample per channel, bit offsets one component apart.
    const uint32_t blockSize = texture.dfd[2] >> 16;
    ASSERT_EQ(blockSize, 24 + 16 * k.shape.channels) << what;
    const uint32_t channelIds[4] = {0, 1, 2, 15};
    for (uint32_t c = 0; c < k.shape.channels; ++c) {
      const uint32_t word = texture.dfd[7 + 4 * c];
      EXPECT_EQ(word & 0xFFFF, 8 * k.typeSize * c) << what << " sample " << c << " bitOffset";
      EXPECT_EQ((word >> 16) & 0xFF, 8 * k.typeSize - 1) << what << " sample " << c << " bitLength";
      EXPECT_EQ((word >> 24) & 0xF, channelIds[c]) << what << " sample " << c << " channel";
    }
    // Level 0 starts aligned to lcm(texel size, 4).
    const uint64_t levelOffset = u32At(bytes, 80);
    EXPECT_EQ(levelOffset % std::max<uint32_t>(4, k.typeSize * k.shape.channels), 0u) << what;
  }
}

// A stack goes to a PNG atlas (read back with its slice count) and to one PNG per slice, and so does a colour stack
// (docs/method.md §11.6), with its slices' colours.
TEST(MaskShape, StacksGoToPngAtlasesAndSliceFiles) {
  const std::string dir = test::makeTempDir();
  for (uint32_t channels : {1u, 2u, 3u, 4u}) {
    SCOPED_TRACE(channels);
    const Mask stack = maskFromRanks(randomGrid({16, 8, 3, channels}, 7 + channels));
    std::string error;
    ASSERT_TRUE(writeMask(stack, dir + "/atlas.png", {}, &error)) << error;
    Mask back;
    MaskReadOptions atlas;
    atlas.atlasSlices = 3;
    ASSERT_TRUE(readMask(dir + "/atlas.png", &back, &error, atlas)) << error;
    EXPECT_EQ(back.shape, stack.shape);
    EXPECT_EQ(ranksOf(back), ranksOf(stack));
    ASSERT_TRUE(writeMask(stack, dir + "/slice_%d.png", {}, &error)) << error;
    ASSERT_TRUE(readMask(dir + "/slice_%d.png", &back, &error)) << error;
    EXPECT_EQ(back.shape, stack.shape);
    EXPECT_EQ(ranksOf(back), ranksOf(stack));
  }
}

TEST(MaskShape, FormatsThatCannotHoldAShapeRefuseWithOneLine) {
  const std::string dir = test::makeTempDir();
  const Mask sliced = maskFromRanks(randomGrid({16, 16, 2}, 1));
  const Mask rgb = maskFromRanks(randomGrid({16, 16, 1, 3}, 1));
  const Mask tall = maskFromRanks(randomGrid({16, 4096, 5}, 1));  // a 20480-pixel atlas
  const Mask tallRgb = maskFromRanks(randomGrid({16, 4096, 5, 3}, 1));
  const std::pair<const Mask*, std::string> cases[] = {
      {&sliced, "m.h"}, {&sliced, "m.glsl"}, {&rgb, "m.ktx2"}, {&tall, "m.png"}, {&tallRgb, "m.png"}};
  for (const auto& [mask, name] : cases) {
    std::string error;
    EXPECT_FALSE(writeMask(*mask, dir + "/" + name, {}, &error)) << name;
    EXPECT_NE(error.find(toString(mask->shape)), std::string::npos) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
    EXPECT_TRUE(test::entries(dir).empty()) << name << " left a file behind";
  }
  // An RGB mask still has a home: .npy (and .png, docs/method.md §11.5).
  std::string error;
  EXPECT_TRUE(writeMask(rgb, dir + "/rgb.npy", {}, &error)) << error;
}

TEST(MaskShape, TwoDimensionalOnlyFunctionsRefuseSlicesAndChannels) {
  const MaskShape sliced{16, 16, 4}, rgba{16, 16, 1, 4};
  std::string error;
  for (const MaskShape& shape : {sliced, rgba}) {
    const std::string name = toString(shape);
    EXPECT_TRUE(generateBaseline(BaselineMethod::VoidAndCluster, shape, 1, 0, &error).values.empty());
    EXPECT_NE(error.find(name), std::string::npos) << error;
    error.clear();
    // The swap start takes slices (a start per slice of a stack), not channels.
    const std::vector<uint32_t> start = chooseSwapStart(shape, SwapParams(), &error);
    if (shape.channels != 1) {
      EXPECT_TRUE(start.empty());
      EXPECT_NE(error.find(name), std::string::npos) << error;
    } else {
      ASSERT_EQ(start.size(), shape.pixelCount());
      EXPECT_TRUE(isExactPermutation(maskFromRanks({shape, start})));
    }
    // The optimizers refuse before any device work (so no device is needed here).
    SpectralSetup setup;
    setup.shape = shape;
    error.clear();
    EXPECT_EQ(createSpectralOptimizer(nullptr, setup, SpectralLossParams(), &error), nullptr);
    EXPECT_NE(error.find(name), std::string::npos) << error;
    // The swap stage takes slices (a spatiotemporal stack), not channels.
    EXPECT_EQ(checkSwapParams(shape, SwapParams()).empty(), shape.channels == 1) << name;
    if (shape.channels != 1) {
      error.clear();
      EXPECT_EQ(createSwapOptimizer(nullptr, shape, SwapParams(), &error), nullptr);
      EXPECT_NE(error.find(name), std::string::npos) << error;
    }

    // Functions without an error channel throw std::invalid_argument carrying the same one line.
    const Mask mask = maskFromRanks(randomGrid(shape, 2));
    EXPECT_THROW(computeMaskMetrics(mask), std::invalid_argument);
    EXPECT_THROW(hvsErrorDb({shape, ranksOf(mask)}, {1.0}), std::invalid_argument);
    EXPECT_THROW(hvsOffsets(shape, 3), std::invalid_argument);
    try {
      hvsFilterSpectrum(shape, 1.0);
      ADD_FAILURE() << "hvsFilterSpectrum accepted " << name;
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()), check2DShape(shape, "the eye model"));
    }
    ReportMask report;
    report.name = "m";
    report.mask = mask;
    error.clear();
    EXPECT_FALSE(writeMaskReport({report}, test::makeTempDir() + "/r", {}, &error));
    EXPECT_NE(error.find(name), std::string::npos) << error;
  }
  EXPECT_EQ(check2DShape({16, 16}, "anything"), "");
}

}  // namespace

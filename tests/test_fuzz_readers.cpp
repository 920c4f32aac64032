// Hostile files: valid .png, .ktx2 and .npy masks that specdither writes itself (and an RGB photo), mutated a
// few thousand times with a seeded RNG (bit flips, interesting bytes, huge integers written into header fields,
// truncation, extension, duplicated chunks; PNG chunk CRCs recomputed half of the time so that libpng looks past
// them), plus a set of hand-made headers whose size products wrap around 64 bits. For every file readMask must
// either refuse it with one line of error, or return a mask of a shape checkMaskShape accepts holding exactly
// its number of finite values; the other PNG readers (readPng, the filter study's kernel and photo) keep their
// own contracts: never crash, throw or hang. The CLI, on the nastiest of them, must exit 1 with one line on
// stderr (never a signal).
#include "gpu_test.h"
#include "test_files.h"
#include "mask/npy_io.h"
#include "specdither/filter/filter_image.h"
#include "specdither/filter/filter_kernel.h"
#include "specdither/ktx2_format.h"
#include "specdither/mask_io.h"
#include "specdither/png_io.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstring>
#include <exception>
#include <random>

using namespace specdither;

namespace {

struct Seed {
  std::string name, ext;  // ext with the dot: readMask dispatches on it
  std::vector<uint8_t> bytes;
};

Mask randomMask(const MaskShape& shape, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> uniform(0.f, 1.f);
  Mask mask{shape, std::vector<float>(shape.valueCount())};
  for (float& v : mask.values) v = uniform(rng);
  return mask;
}

Seed written(const std::string& dir, const std::string& name, const std::string& ext, const MaskShape& shape,
             const std::string& format) {
  const std::string path = dir + "/" + name + ext;
  MaskExportOptions options;
  options.format = format;
  std::string warning, error;
  options.warning = &warning;  // 8 bits of 128 random values lose some: expected, and not worth a line on stderr
  EXPECT_TRUE(writeMask(randomMask(shape, uint32_t(name.size() * 31 + shape.valueCount())), path, options, &error))
      << error;
  return {name, ext, test::slurpBytes(path)};
}

// A .npy file with the given header dict (padded as NEP 1 wants) and data.
std::vector<uint8_t> npyWithHeader(std::string dict, const std::vector<uint8_t>& data) {
  dict.append((64 - (10 + dict.size() + 1) % 64) % 64, ' ');
  dict.push_back('\n');
  std::vector<uint8_t> bytes = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, uint8_t(dict.size()), uint8_t(dict.size() >> 8)};
  bytes.insert(bytes.end(), dict.begin(), dict.end());
  bytes.insert(bytes.end(), data.begin(), data.end());
  return bytes;
}

const Seed& seedNamed(const std::vector<Seed>& seeds, const std::string& name) {
  return *std::find_if(seeds.begin(), seeds.end(), [&](const Seed& s) { return s.name == name; });
}

// Every kind of file readMask takes, as specdither writes it; plus float64 and Fortran-order .npy, which it
// reads but does not write.
std::vector<Seed> makeSeeds(const std::string& dir) {
  std::vector<Seed> seeds = {
      written(dir, "png8", ".png", {16, 8}, "r8"),
      written(dir, "png16", ".png", {8, 8}, "r16"),
      written(dir, "ktx_r8", ".ktx2", {16, 8}, "r8"),
      written(dir, "ktx_r16", ".ktx2", {8, 8}, "r16"),
      written(dir, "ktx_r32f", ".ktx2", {8, 4}, "r32f"),
      written(dir, "ktx_layered", ".ktx2", {4, 8, 3}, "r16"),
      written(dir, "ktx_rg", ".ktx2", {8, 4, 1, 2}, "r8"),
      written(dir, "ktx_rgba", ".ktx2", {4, 4, 2, 4}, "r32f"),
      written(dir, "npy_f4", ".npy", {8, 8}, "r32f"),
      written(dir, "npy_u1_3d", ".npy", {4, 8, 3}, "r8"),
      written(dir, "npy_u2_4d", ".npy", {8, 4, 2, 2}, "r16"),
      written(dir, "npy_f4_4d", ".npy", {4, 4, 1, 4}, "r32f"),
  };
  std::vector<uint8_t> doubles;
  for (float v : randomMask({8, 4}, 7).values) {
    const double d = v;
    uint8_t raw[8];
    std::memcpy(raw, &d, 8);
    doubles.insert(doubles.end(), raw, raw + 8);
  }
  seeds.push_back(
      {"npy_f8", ".npy", npyWithHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 8), }", doubles)});
  PngImage photo;  // 8-bit RGB: what the studio and the filter study read as photos
  photo.width = 12;
  photo.height = 8;
  photo.channels = 3;
  std::mt19937 rng(3);
  for (size_t i = 0; i < size_t(12) * 8 * 3; ++i) photo.samples.push_back(uint16_t(rng() % 256));
  std::string error;
  EXPECT_TRUE(writePng(dir + "/photo.png", photo, &error)) << error;
  seeds.push_back({"png_rgb_photo", ".png", test::slurpBytes(dir + "/photo.png")});
  std::vector<uint8_t> fortran = seedNamed(seeds, "npy_u1_3d").bytes;  // the same bytes read as column-major
  const auto flag = std::search(fortran.begin(), fortran.end(), std::begin("False"), std::end("False") - 1);
  EXPECT_NE(flag, fortran.end());
  if (flag != fortran.end()) std::memcpy(&*flag, "True ", 5);
  seeds.push_back({"npy_fortran", ".npy", fortran});
  return seeds;
}

// CRC-32 of PNG chunks (ISO 3309, reflected polynomial 0xEDB88320).
uint32_t crc32(const uint8_t* data, size_t length) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < length; ++i) {
    crc ^= data[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

uint32_t loadBigEndian(const std::vector<uint8_t>& b, size_t at) {
  return uint32_t(b[at]) << 24 | uint32_t(b[at + 1]) << 16 | uint32_t(b[at + 2]) << 8 | b[at + 3];
}

void storeBigEndian(std::vector<uint8_t>& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = uint8_t(v >> (24 - 8 * i));
}

struct Chunk {
  size_t at, length;  // whole chunk: length field, type, data, CRC
};

// The PNG's chunks, as far as their length fields stay inside the file.
std::vector<Chunk> pngChunks(const std::vector<uint8_t>& b) {
  std::vector<Chunk> chunks;
  for (size_t at = 8; at + 12 <= b.size();) {
    const uint64_t length = uint64_t(loadBigEndian(b, at)) + 12;
    if (length > b.size() - at) break;
    chunks.push_back({at, size_t(length)});
    at += size_t(length);
  }
  return chunks;
}

// Recomputes every chunk's CRC, so that a mutated IHDR reaches the code that interprets it.
void fixPngCrcs(std::vector<uint8_t>& b) {
  for (const Chunk& c : pngChunks(b)) storeBigEndian(b, c.at + c.length - 4, crc32(&b[c.at + 4], c.length - 8));
}

class Mutator {
 public:
  explicit Mutator(uint64_t seed) : rng_(seed) {}

  std::vector<uint8_t> mutate(const Seed& seed) {
    std::vector<uint8_t> b = seed.bytes;
    const int steps = 1 + int(below(3));
    for (int s = 0; s < steps && !b.empty(); ++s) {
      switch (below(7)) {
        case 0: flipBits(b); break;
        case 1: b[below(b.size())] = kInterestingBytes[below(kInterestingBytes.size())]; break;
        case 2: writeLargeInteger(b, seed.ext); break;
        case 3: b.resize(below(b.size())); break;  // truncation
        case 4: extend(b); break;
        case 5: duplicate(b, seed.ext); break;
        case 6:
          if (seed.ext == ".npy")
            rewriteNpyNumber(b);
          else
            writeLargeInteger(b, seed.ext);
          break;
      }
    }
    if (seed.ext == ".png" && below(2) == 0) fixPngCrcs(b);
    return b;
  }

 private:
  static constexpr std::array<uint8_t, 4> kInterestingBytes = {0x00, 0xFF, 0x7F, 0x80};

  size_t below(size_t n) { return n == 0 ? 0 : size_t(rng_() % n); }

  void flipBits(std::vector<uint8_t>& b) {
    const size_t flips = 1 + below(4);
    for (size_t i = 0; i < flips; ++i) b[below(b.size())] ^= uint8_t(1u << below(8));
  }

  // Values that make size products wrap, overflow 32 bits or sit just past a limit.
  uint64_t largeValue() {
    static const uint64_t values[] = {0,
                                      1,
                                      3,
                                      4097,
                                      0x10000,
                                      0x7FFFFFFF,
                                      0x80000000,
                                      0xFFFFFFFF,
                                      0x100000000,
                                      0x4000000000000000,
                                      0x8000000000000000,
                                      0xFFFFFFFFFFFFFFFF,
                                      0x40000000};
    return values[below(sizeof(values) / sizeof(values[0]))];
  }

  // A large integer over a header field: KTX2's u32/u64 fields (little-endian), PNG's IHDR and chunk lengths
  // (big-endian), the .npy header length; elsewhere any aligned offset of the first 128 bytes.
  void writeLargeInteger(std::vector<uint8_t>& b, const std::string& ext) {
    const uint64_t v = largeValue();
    size_t at;
    uint32_t width = below(2) ? 8 : 4;
    if (ext == ".ktx2") {
      at = 12 + 4 * below(25);  // header, index and the first level-index entry (ends at 104)
    } else if (ext == ".png") {
      static const size_t fields[] = {8, 16, 20, 24, 33};  // IHDR length, width, height, depth/type, next length
      at = fields[below(5)];
      if (at + 4 <= b.size()) storeBigEndian(b, at, uint32_t(v >> (below(2) ? 32 : 0)));
      return;
    } else {
      at = below(2) ? 8 : 4 * below(32);  // .npy: header length, or anywhere near it
      width = below(2) ? 2 : 4;
    }
    for (uint32_t i = 0; i < width && at + i < b.size(); ++i) b[at + i] = uint8_t(v >> (8 * i));
  }

  void extend(std::vector<uint8_t>& b) {
    const size_t extra = 1 + below(512);
    const uint8_t fill = below(2) ? 0 : uint8_t(rng_());
    b.insert(b.end(), extra, fill);
  }

  // PNG: a whole chunk repeated (a second IHDR, IDAT twice); elsewhere a byte range copied to another place.
  void duplicate(std::vector<uint8_t>& b, const std::string& ext) {
    if (ext == ".png") {
      const std::vector<Chunk> chunks = pngChunks(b);
      if (!chunks.empty()) {
        const Chunk c = chunks[below(chunks.size())];
        const std::vector<uint8_t> copy(b.begin() + long(c.at), b.begin() + long(c.at + c.length));
        const size_t to = chunks[below(chunks.size())].at;
        b.insert(b.begin() + long(to), copy.begin(), copy.end());
        return;
      }
    }
    const size_t from = below(b.size()), length = 1 + below(std::min<size_t>(b.size() - from, 64));
    const std::vector<uint8_t> copy(b.begin() + long(from), b.begin() + long(from + length));
    b.insert(b.begin() + long(below(b.size() + 1)), copy.begin(), copy.end());
  }

  // .npy: a number of the header text (a shape entry, mostly) replaced by a huge or odd one.
  void rewriteNpyNumber(std::vector<uint8_t>& b) {
    static const char* numbers[] = {
        "0", "4294967295", "4294967296", "65536", "18446744073709551615", "99999999999999999999999", "3"};
    std::vector<size_t> starts;
    for (size_t i = 10; i < std::min<size_t>(b.size(), 128); ++i)
      if (std::isdigit(b[i]) && !std::isdigit(b[i - 1])) starts.push_back(i);
    if (starts.empty()) return;
    size_t at = starts[below(starts.size())], end = at;
    while (end < b.size() && std::isdigit(b[end])) ++end;
    const std::string n = numbers[below(sizeof(numbers) / sizeof(numbers[0]))];
    b.erase(b.begin() + long(at), b.begin() + long(end));
    b.insert(b.begin() + long(at), n.begin(), n.end());
  }

  std::mt19937_64 rng_;
};

void storeLittleEndian(std::vector<uint8_t>& b, size_t at, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) b[at + i] = uint8_t(v >> (8 * i));
}

// Headers built to make the readers' size products wrap or explode; each should be refused.
std::vector<Seed> nastyFiles(const std::vector<Seed>& seeds) {
  auto find = [&](const std::string& name) { return seedNamed(seeds, name); };
  std::vector<Seed> out;
  // KTX2, RGBA float: 2^31 x 2^31 x 4 layers x 16 bytes = 2^68, which wraps to 0, and a level of 0 bytes.
  Seed wrap = find("ktx_rgba");
  wrap.name = "ktx_wraps_to_zero";
  storeLittleEndian(wrap.bytes, 20, 0x80000000u, 4);
  storeLittleEndian(wrap.bytes, 24, 0x80000000u, 4);
  storeLittleEndian(wrap.bytes, 32, 4, 4);
  storeLittleEndian(wrap.bytes, 88, 0, 8);
  storeLittleEndian(wrap.bytes, 96, 0, 8);
  out.push_back(wrap);
  // KTX2 of 2^32 - 1 layers, and one of 65536 x 65536 x 65536 whose level claims exactly that many bytes.
  Seed layers = find("ktx_layered");
  layers.name = "ktx_max_layers";
  storeLittleEndian(layers.bytes, 32, 0xFFFFFFFFu, 4);
  out.push_back(layers);
  Seed huge = find("ktx_r8");
  huge.name = "ktx_huge_level";
  storeLittleEndian(huge.bytes, 20, 0x10000, 4);
  storeLittleEndian(huge.bytes, 24, 0x10000, 4);
  storeLittleEndian(huge.bytes, 32, 0x10000, 4);
  storeLittleEndian(huge.bytes, 88, uint64_t(1) << 48, 8);
  storeLittleEndian(huge.bytes, 96, uint64_t(1) << 48, 8);
  out.push_back(huge);
  // A KTX2 file of 3 x 3 texels, consistent in itself: a shape no mask has.
  Seed tiny = find("ktx_r8");
  tiny.name = "ktx_too_small";
  storeLittleEndian(tiny.bytes, 20, 2, 4);
  storeLittleEndian(tiny.bytes, 24, 64, 4);
  out.push_back(tiny);
  // .npy shapes whose element count overflows 64 bits, or exceeds any mask, with a few bytes of data.
  const std::vector<uint8_t> data(64, 0x3F);
  for (const char* shape : {"(4294967295, 4294967295, 4294967295, 4294967295)", "(65536, 65536, 65536, 4)",
                            "(4294967296, 4)", "(2, 8)", "(99999999999999999999999999, 8)"})
    out.push_back(
        {std::string("npy_shape ") + shape, ".npy",
         npyWithHeader(std::string("{'descr': '<f4', 'fortran_order': True, 'shape': ") + shape + ", }", data)});
  // PNG IHDR of 2^31 - 1 x 2^31 - 1 and of 16385 x 16385 (CRCs fixed, so libpng reads them), and one of 0 x 0.
  for (const uint32_t side : {0x7FFFFFFFu, 16385u, 0u}) {
    Seed png = find("png16");
    png.name = "png_side_" + std::to_string(side);
    storeBigEndian(png.bytes, 16, side);
    storeBigEndian(png.bytes, 20, side);
    fixPngCrcs(png.bytes);
    out.push_back(png);
  }
  for (const std::string name : {"png8", "ktx_r32f", "npy_f4"}) {
    Seed cut = find(name);
    cut.name = name + "_cut";
    cut.bytes.resize(cut.bytes.size() / 2);
    out.push_back(cut);
  }
  return out;
}

struct Outcome {
  bool accepted = false;
  std::string problem;  // empty when readMask kept its contract
};

template <typename Values>
bool allFinite(const Values& values) {
  return std::all_of(values.begin(), values.end(), [](auto v) { return std::isfinite(double(v)); });
}

// "" when a reader kept its contract: false with one non-empty line, or true with a result whose contract
// (checked by resultProblem) holds. Any exception is a broken contract.
template <typename Read, typename Check>
std::string readerProblem(const char* reader, bool* accepted, Read read, Check resultProblem) {
  std::string error;
  try {
    *accepted = read(&error);
  } catch (const std::exception& e) {
    return std::string(reader) + " threw: " + e.what();
  }
  if (*accepted) {
    const std::string problem = resultProblem();
    return problem.empty() ? "" : std::string(reader) + " accepted " + problem;
  }
  if (error.empty()) return std::string(reader) + " refused without an error";
  if (error.find('\n') != std::string::npos) return std::string(reader) + " gave more than one line: " + error;
  return "";
}

// Reads one file with readMask (mask_io.h) and, for a PNG, with the other PNG readers; checks their contracts.
Outcome readAndCheck(const std::string& path) {
  Outcome o;
  Mask mask;
  o.problem = readerProblem(
      "readMask", &o.accepted, [&](std::string* e) { return readMask(path, &mask, e); },
      [&] {
        const std::string shapeProblem = checkMaskShape(mask.shape);
        if (!shapeProblem.empty()) return "a mask of a refused shape: " + shapeProblem;
        if (mask.values.size() != mask.valueCount())
          return std::to_string(mask.values.size()) + " values for " + toString(mask.shape);
        return allFinite(mask.values) ? std::string() : "a non-finite value";
      });
  if (!o.problem.empty() || path.substr(path.size() - 4) != ".png") return o;
  bool accepted = false;
  PngImage png;
  o.problem = readerProblem(
      "readPng", &accepted, [&](std::string* e) { return readPng(path, &png, e); },
      [&] {
        const bool fits = png.width >= 1 && png.height >= 1 && png.width <= 16384 && png.height <= 16384 &&
                          png.channels >= 1 && png.channels <= 4 && (png.bitDepth == 8 || png.bitDepth == 16);
        if (!fits) return std::string("an impossible image");
        if (png.samples.size() != size_t(png.width) * png.height * png.channels) return std::string("a short image");
        return std::string();
      });
  if (!o.problem.empty()) return o;
  FilterKernel kernel;
  o.problem = readerProblem(
      "loadKernelPng", &accepted, [&](std::string* e) { return loadKernelPng(path, &kernel, e); },
      [&] {
        const bool fits = kernel.values.size() == kernel.count() && kernel.width >= kFilterMinSize &&
                          kernel.width <= kFilterMaxSize && kernel.height >= kFilterMinSize &&
                          kernel.height <= kFilterMaxSize;
        return fits && allFinite(kernel.values) ? std::string() : "a broken kernel";
      });
  if (!o.problem.empty()) return o;
  FloatImage image;
  o.problem = readerProblem(
      "loadImagePng", &accepted, [&](std::string* e) { return loadImagePng(path, &image, e); },
      [&] {
        return image.pixels.size() == image.count() && allFinite(image.pixels) ? std::string() : "a broken image";
      });
  return o;
}

constexpr int kMutantsPerSeed = 400;

}  // namespace

TEST(FuzzReaders, MutatedFilesAreReadOrRefusedInOneLine) {
  const std::string dir = test::makeTempDir();
  const std::vector<Seed> seeds = makeSeeds(dir);
  for (const Seed& seed : seeds) {  // the seeds themselves read back (the photo as a colour mask)
    const std::string path = dir + "/" + seed.name + seed.ext;
    test::writeBytes(path, seed.bytes);
    const Outcome o = readAndCheck(path);
    EXPECT_TRUE(o.problem.empty()) << seed.name << ": " << o.problem;
    EXPECT_TRUE(o.accepted) << seed.name;
  }
  const auto start = std::chrono::steady_clock::now();
  size_t files = 0, accepted = 0, failures = 0;
  for (size_t s = 0; s < seeds.size(); ++s) {
    const Seed& seed = seeds[s];
    Mutator mutator(0x5eed0000u + s);
    const std::string path = dir + "/mutant" + seed.ext;
    for (int i = 0; i < kMutantsPerSeed; ++i) {
      test::writeBytes(path, mutator.mutate(seed));
      const auto before = std::chrono::steady_clock::now();
      const Outcome o = readAndCheck(path);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - before).count();
      ++files;
      accepted += o.accepted;
      if (!o.problem.empty() || seconds > 5.0) {
        // Keep the file for whoever debugs it; report the first few.
        const std::string kept = dir + "/failed_" + seed.name + "_" + std::to_string(i) + seed.ext;
        test::writeBytes(kept, test::slurpBytes(path));
        if (++failures <= 10)
          ADD_FAILURE() << seed.name << " mutant " << i << " (" << kept
                        << "): " << (o.problem.empty() ? "took " + std::to_string(seconds) + " s" : o.problem);
      }
    }
  }
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu mutants of %zu seeds in %.2f s: %zu read, %zu refused, %zu broke the contract\n", files,
              seeds.size(), total, accepted, files - accepted, failures);
  EXPECT_EQ(failures, 0u);
  // A mutator that only broke files, or never did, would test little: both outcomes must be common.
  EXPECT_GT(accepted, files / 20);
  EXPECT_GT(files - accepted, files / 2);
}

TEST(FuzzReaders, OverflowingHeadersAreRefused) {
  const std::string dir = test::makeTempDir();
  const std::vector<Seed> seeds = makeSeeds(dir);
  for (const Seed& nasty : nastyFiles(seeds)) {
    const std::string path = dir + "/nasty" + nasty.ext;
    test::writeBytes(path, nasty.bytes);
    const Outcome o = readAndCheck(path);
    EXPECT_TRUE(o.problem.empty()) << nasty.name << ": " << o.problem;
    EXPECT_FALSE(o.accepted) << nasty.name;
  }
}

TEST(FuzzReaders, CliRefusesHostileFilesInOneLine) {
  const std::string dir = test::makeTempDir();
  const std::vector<Seed> seeds = makeSeeds(dir);
  int index = 0;
  for (const Seed& nasty : nastyFiles(seeds)) {
    const std::string path = dir + "/nasty" + std::to_string(index++) + nasty.ext;
    test::writeBytes(path, nasty.bytes);
    const test::CommandResult r = test::runCli("analyze '" + path + "'");
    EXPECT_EQ(r.exitCode, 1) << nasty.name << " (a signal reads as 128 + its number)\n" << r.errors;
    EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << nasty.name << ": " << r.errors;
    EXPECT_EQ(r.errors.rfind("specdither: ", 0), 0u) << nasty.name << ": " << r.errors;
  }
}

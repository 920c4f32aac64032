// Reads the KTX 2.0 container described in ktx2_format.h. Every offset and length comes from the file, so each
// is checked against the file's size (in 64-bit arithmetic, so that no sum can wrap) before it is used.
#include "specdither/atomic_file.h"
#include "specdither/ktx2_format.h"
#include "mask/checked_size.h"
#include "mask/ktx2_parse.h"

#include <algorithm>

namespace specdither {

namespace {

uint32_t getU32(const std::vector<uint8_t>& in, uint64_t at) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t(in[at + i]) << (8 * i);
  return v;
}

uint64_t getU64(const std::vector<uint8_t>& in, uint64_t at) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= uint64_t(in[at + i]) << (8 * i);
  return v;
}

bool inside(const std::vector<uint8_t>& in, uint64_t offset, uint64_t length) {
  return offset <= in.size() && length <= in.size() - offset;
}

bool parseKeyValues(const std::vector<uint8_t>& in, uint64_t offset, uint64_t length,
                    std::map<std::string, std::string>* out, std::string* reason) {
  uint64_t at = offset;
  const uint64_t end = offset + length;
  while (at < end) {
    if (end - at < 4) return *reason = "truncated key/value entry", false;
    const uint32_t entryLength = getU32(in, at);
    at += 4;
    if (entryLength > end - at) return *reason = "key/value entry runs past the key/value data", false;
    const auto first = in.begin() + long(at), last = first + long(entryLength);
    const auto nul = std::find(first, last, uint8_t(0));
    if (nul == last || nul == first) return *reason = "key/value entry without a NUL-terminated key", false;
    std::string key(first, nul);
    std::string value(nul + 1, last);
    if (!value.empty() && value.back() == '\0') value.pop_back();
    (*out)[key] = value;
    at += entryLength;
    at += (4 - (at - offset) % 4) % 4;  // valuePadding: every entry starts 4-byte aligned
  }
  return true;
}

}  // namespace

bool parseKtx2(const std::vector<uint8_t>& in, Ktx2Texture* out, std::string* reason) {
  using namespace ktx2;
  auto failWith = [&](const std::string& why) {
    *reason = why;
    return false;
  };
  if (in.size() < sizeof(kIdentifier) || !std::equal(kIdentifier, kIdentifier + sizeof(kIdentifier), in.begin()))
    return failWith("not a KTX2 file (no KTX 2.0 identifier)");
  if (in.size() < kHeaderAndIndexBytes) return failWith("truncated header");
  Ktx2Texture t;
  t.vkFormat = getU32(in, 12);
  t.typeSize = getU32(in, 16);
  t.width = getU32(in, 20);
  t.height = getU32(in, 24);
  const uint32_t depth = getU32(in, 28), faces = getU32(in, 36);
  t.levelCount = getU32(in, 40);
  t.supercompressionScheme = getU32(in, 44);
  const uint32_t dfdOffset = getU32(in, 48), dfdLength = getU32(in, 52);
  const uint32_t kvdOffset = getU32(in, 56), kvdLength = getU32(in, 60);

  if (t.supercompressionScheme != 0)
    return failWith("supercompression scheme " + std::to_string(t.supercompressionScheme) +
                    " is not supported (specdither reads uncompressed KTX2)");
  const uint32_t bytes = texelBytes(t.vkFormat);
  if (bytes == 0)
    return failWith("vkFormat " + std::to_string(t.vkFormat) +
                    " is not supported (specdither reads R8, R16 UNORM and R32 SFLOAT with 1, 2 or 4 components)");
  if (t.typeSize != bytes / componentCount(t.vkFormat))
    return failWith("typeSize " + std::to_string(t.typeSize) + " does not match " + formatName(t.vkFormat));
  if (t.width == 0 || t.height == 0) return failWith("empty image");
  if (depth > 1 || faces != 1) return failWith("a 3D or cube texture is not a mask (a 2D array texture is)");
  t.layerCount = getU32(in, 32);
  // The level's size in 64 bits without wrapping (checked_size.h); the level must then lie inside the file, which
  // bounds every allocation below by the file's size. The mask's shape is checked by readMask (checkMaskShape).
  uint64_t expected = 0;
  if (!checkedProduct({t.width, t.height, t.layers(), bytes}, &expected))
    return failWith(std::to_string(t.width) + "x" + std::to_string(t.height) + " x " + std::to_string(t.layers()) +
                    " layers of " + formatName(t.vkFormat) + " is too large for any file");
  const uint32_t storedLevels = t.levelCount == 0 ? 1 : t.levelCount;  // 0: one level, mips made at load time
  if (storedLevels > 32) return failWith("level count " + std::to_string(t.levelCount) + " is impossible");
  if (!inside(in, kHeaderAndIndexBytes, uint64_t(storedLevels) * kLevelIndexEntryBytes))
    return failWith("truncated level index");

  const uint64_t levelOffset = getU64(in, kHeaderAndIndexBytes);
  const uint64_t levelLength = getU64(in, kHeaderAndIndexBytes + 8);
  const uint64_t levelUncompressed = getU64(in, kHeaderAndIndexBytes + 16);
  if (levelLength != expected || levelUncompressed != expected) {
    const std::string layers = t.layerCount ? " x " + std::to_string(t.layerCount) + " layers " : " ";
    return failWith("level 0 holds " + std::to_string(levelLength) + " bytes, " + std::to_string(t.width) + "x" +
                    std::to_string(t.height) + layers + formatName(t.vkFormat) + " needs " + std::to_string(expected));
  }
  if (!inside(in, levelOffset, levelLength)) return failWith("level 0 runs past the end of the file (truncated?)");
  if (levelOffset % bytes != 0) return failWith("level 0 is not aligned to its texel size");

  if (dfdLength != 0) {
    if (dfdLength < 4 || !inside(in, dfdOffset, dfdLength)) return failWith("data format descriptor out of range");
    if (getU32(in, dfdOffset) != dfdLength) return failWith("dfdTotalSize does not match dfdByteLength");
    for (uint64_t at = 0; at + 4 <= dfdLength; at += 4) t.dfd.push_back(getU32(in, uint64_t(dfdOffset) + at));
  }
  if (kvdLength != 0) {
    if (!inside(in, kvdOffset, kvdLength)) return failWith("key/value data out of range");
    if (!parseKeyValues(in, kvdOffset, kvdLength, &t.keyValues, reason)) return false;
  }
  t.level0.assign(in.begin() + long(levelOffset), in.begin() + long(levelOffset + levelLength));
  *out = std::move(t);
  return true;
}

bool readKtx2(const std::string& path, Ktx2Texture* out, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!readFileBytes(path, &bytes, error)) return false;
  std::string reason;
  if (parseKtx2(bytes, out, &reason)) return true;
  if (error) *error = "cannot read KTX2 '" + path + "': " + reason;
  return false;
}

}  // namespace specdither

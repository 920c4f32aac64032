// Writes the KTX 2.0 container described in ktx2_format.h.
#include "specdither/ktx2_format.h"

#include <cstring>

namespace specdither {

namespace {

void putU32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

void setU32(std::vector<uint8_t>& out, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) out[at + i] = uint8_t(v >> (8 * i));
}

void setU64(std::vector<uint8_t>& out, size_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i) out[at + i] = uint8_t(v >> (8 * i));
}

void padTo(std::vector<uint8_t>& out, size_t alignment) {
  while (out.size() % alignment) out.push_back(0);
}

// One sample per component (R, G, B, A in that order, each covering its bytes of the texel), as KTX-Software's
// createDFDUnpacked writes it for the same formats: UNORM spans 0 .. 2^bits - 1, SFLOAT -1.0 .. 1.0.
std::vector<uint32_t> basicDfd(uint32_t vkFormat) {
  using namespace ktx2;
  const uint32_t bytes = texelBytes(vkFormat);
  const uint32_t components = componentCount(vkFormat);
  const uint32_t componentBytes = bytes / components;
  const uint32_t blockSize = kDfdBlockHeaderBytes + kDfdSampleBytes * components;
  std::vector<uint32_t> words;
  words.push_back(4 + blockSize);                                // dfdTotalSize
  words.push_back(0);                                            // vendorId KHRONOS, descriptorType BASICFORMAT
  words.push_back(kDfdVersion | (blockSize << 16));              // versionNumber, descriptorBlockSize
  words.push_back(kDfdModelRgbsda | (kDfdPrimariesBt709 << 8) |  // colorModel, colorPrimaries,
                  (kDfdTransferLinear << 16));                   // transferFunction, flags ALPHA_STRAIGHT (0)
  words.push_back(0);                                            // texelBlockDimension0..3 (1x1x1x1, minus 1)
  words.push_back(bytes);                                        // bytesPlane0..3
  words.push_back(0);                                            // bytesPlane4..7
  const uint32_t channels[4] = {kDfdChannelRed, kDfdChannelGreen, kDfdChannelBlue, kDfdChannelAlpha};
  for (uint32_t c = 0; c < components; ++c) {
    uint32_t channel = channels[c];
    uint32_t lower = 0, upper = (componentBytes == 4) ? 0xFFFFFFFFu : (1u << (8 * componentBytes)) - 1;
    if (componentBytes == 4) {
      channel |= kDfdSampleFloat | kDfdSampleSigned;
      const float minusOne = -1.0f, one = 1.0f;
      std::memcpy(&lower, &minusOne, 4);
      std::memcpy(&upper, &one, 4);
    }
    // bitOffset, bitLength - 1, channel + qualifiers
    words.push_back((8 * componentBytes * c) | ((8 * componentBytes - 1) << 16) | (channel << 24));
    words.push_back(0);  // samplePosition0..3
    words.push_back(lower);
    words.push_back(upper);
  }
  return words;
}

}  // namespace

namespace ktx2 {

namespace {

struct FormatInfo {
  uint32_t vkFormat, componentBytes, components;
  const char* name;
};
constexpr FormatInfo kFormats[] = {
    {kR8Unorm, 1, 1, "R8_UNORM"},
    {kR8G8Unorm, 1, 2, "R8G8_UNORM"},
    {kR8G8B8A8Unorm, 1, 4, "R8G8B8A8_UNORM"},
    {kR16Unorm, 2, 1, "R16_UNORM"},
    {kR16G16Unorm, 2, 2, "R16G16_UNORM"},
    {kR16G16B16A16Unorm, 2, 4, "R16G16B16A16_UNORM"},
    {kR32Sfloat, 4, 1, "R32_SFLOAT"},
    {kR32G32Sfloat, 4, 2, "R32G32_SFLOAT"},
    {kR32G32B32A32Sfloat, 4, 4, "R32G32B32A32_SFLOAT"},
};

const FormatInfo* findFormat(uint32_t vkFormat) {
  for (const FormatInfo& f : kFormats)
    if (f.vkFormat == vkFormat) return &f;
  return nullptr;
}

}  // namespace

uint32_t texelBytes(uint32_t vkFormat) {
  const FormatInfo* f = findFormat(vkFormat);
  return f ? f->componentBytes * f->components : 0;
}

uint32_t componentCount(uint32_t vkFormat) {
  const FormatInfo* f = findFormat(vkFormat);
  return f ? f->components : 0;
}

const char* formatName(uint32_t vkFormat) {
  const FormatInfo* f = findFormat(vkFormat);
  return f ? f->name : "unsupported";
}

uint32_t formatOf(uint32_t componentBytes, uint32_t components) {
  for (const FormatInfo& f : kFormats)
    if (f.componentBytes == componentBytes && f.components == components) return f.vkFormat;
  return 0;
}

}  // namespace ktx2

std::vector<uint8_t> encodeKtx2(const Ktx2Texture& texture) {
  using namespace ktx2;
  const uint32_t texel = texelBytes(texture.vkFormat);
  const uint32_t typeSize = texel / componentCount(texture.vkFormat);
  std::vector<uint8_t> out(kIdentifier, kIdentifier + sizeof(kIdentifier));
  putU32(out, texture.vkFormat);
  putU32(out, typeSize);
  putU32(out, texture.width);
  putU32(out, texture.height);
  putU32(out, 0);                   // pixelDepth: 0 for a 2D texture
  putU32(out, texture.layerCount);  // 0: not an array
  putU32(out, 1);                   // faceCount
  putU32(out, 1);  // levelCount: the base level only (a mask is not mipmapped: averaging thresholds is wrong)
  putU32(out, 0);  // supercompressionScheme: none
  const size_t indexAt = out.size();
  out.resize(kHeaderAndIndexBytes, 0);  // index, filled below
  const size_t levelIndexAt = out.size();
  out.resize(out.size() + kLevelIndexEntryBytes, 0);

  const size_t dfdAt = out.size();
  for (uint32_t word : basicDfd(texture.vkFormat)) putU32(out, word);
  const size_t dfdLength = out.size() - dfdAt;

  // std::map orders keys by unsigned byte value, which is the order the spec asks for.
  const size_t kvdAt = out.size();
  for (const auto& [key, value] : texture.keyValues) {
    putU32(out, uint32_t(key.size() + 1 + value.size() + 1));
    out.insert(out.end(), key.begin(), key.end());
    out.push_back(0);
    out.insert(out.end(), value.begin(), value.end());
    out.push_back(0);  // string values carry their NUL, as KTXwriter's must
    padTo(out, 4);
  }
  const size_t kvdLength = out.size() - kvdAt;

  // No supercompression global data; mip padding to lcm(texel size, 4): 4 for 1-, 2- and 4-byte texels, else
  // the texel size (8, 16).
  padTo(out, texel > 4 ? texel : 4);
  const size_t levelAt = out.size();
  out.insert(out.end(), texture.level0.begin(), texture.level0.end());

  setU32(out, indexAt + 0, uint32_t(dfdAt));
  setU32(out, indexAt + 4, uint32_t(dfdLength));
  setU32(out, indexAt + 8, kvdLength ? uint32_t(kvdAt) : 0);
  setU32(out, indexAt + 12, uint32_t(kvdLength));
  setU64(out, indexAt + 16, 0);  // sgdByteOffset
  setU64(out, indexAt + 24, 0);  // sgdByteLength
  setU64(out, levelIndexAt + 0, levelAt);
  setU64(out, levelIndexAt + 8, texture.level0.size());
  setU64(out, levelIndexAt + 16, texture.level0.size());
  return out;
}

}  // namespace specdither

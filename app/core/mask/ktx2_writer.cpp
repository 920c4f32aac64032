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

// One sample (the red channel) covering the whole texel, as KTX-Software's createDFDUnpacked writes it for
// the same formats: UNORM spans 0 .. 2^bits - 1, SFLOAT -1.0 .. 1.0.
std::vector<uint32_t> basicDfd(uint32_t vkFormat) {
  using namespace ktx2;
  const uint32_t bytes = texelBytes(vkFormat);
  const uint32_t blockSize = kDfdBlockHeaderBytes + kDfdSampleBytes;
  std::vector<uint32_t> words;
  words.push_back(4 + blockSize);                                // dfdTotalSize
  words.push_back(0);                                            // vendorId KHRONOS, descriptorType BASICFORMAT
  words.push_back(kDfdVersion | (blockSize << 16));              // versionNumber, descriptorBlockSize
  words.push_back(kDfdModelRgbsda | (kDfdPrimariesBt709 << 8) |  // colorModel, colorPrimaries,
                  (kDfdTransferLinear << 16));                   // transferFunction, flags ALPHA_STRAIGHT (0)
  words.push_back(0);                                            // texelBlockDimension0..3 (1x1x1x1, minus 1)
  words.push_back(bytes);                                        // bytesPlane0..3
  words.push_back(0);                                            // bytesPlane4..7
  uint32_t channel = kDfdChannelRed;
  uint32_t lower = 0, upper = (bytes == 4) ? 0xFFFFFFFFu : (1u << (8 * bytes)) - 1;
  if (vkFormat == kR32Sfloat) {
    channel |= kDfdSampleFloat | kDfdSampleSigned;
    const float minusOne = -1.0f, one = 1.0f;
    std::memcpy(&lower, &minusOne, 4);
    std::memcpy(&upper, &one, 4);
  }
  words.push_back(0 | ((8 * bytes - 1) << 16) | (channel << 24));  // bitOffset, bitLength - 1, channel+qualifiers
  words.push_back(0);                                               // samplePosition0..3
  words.push_back(lower);
  words.push_back(upper);
  return words;
}

}  // namespace

namespace ktx2 {

uint32_t texelBytes(uint32_t vkFormat) {
  switch (vkFormat) {
    case kR8Unorm: return 1;
    case kR16Unorm: return 2;
    case kR32Sfloat: return 4;
  }
  return 0;
}

const char* formatName(uint32_t vkFormat) {
  switch (vkFormat) {
    case kR8Unorm: return "R8_UNORM";
    case kR16Unorm: return "R16_UNORM";
    case kR32Sfloat: return "R32_SFLOAT";
  }
  return "unsupported";
}

}  // namespace ktx2

std::vector<uint8_t> encodeKtx2(const Ktx2Texture& texture) {
  using namespace ktx2;
  const uint32_t typeSize = texelBytes(texture.vkFormat);
  std::vector<uint8_t> out(kIdentifier, kIdentifier + sizeof(kIdentifier));
  putU32(out, texture.vkFormat);
  putU32(out, typeSize);
  putU32(out, texture.width);
  putU32(out, texture.height);
  putU32(out, 0);  // pixelDepth: 0 for a 2D texture
  putU32(out, 0);  // layerCount: 0, not an array
  putU32(out, 1);  // faceCount
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

  // No supercompression global data; mip padding to lcm(texel size, 4), which is 4 for 1-, 2- and 4-byte texels.
  padTo(out, 4);
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

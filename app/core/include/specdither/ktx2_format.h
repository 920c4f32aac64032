// The KTX 2.0 container (Khronos, "KTX File Format Specification 2.0") as far as specdither uses it: one
// uncompressed 2D image, no supercompression, a basic Data Format Descriptor and key/value data.
//
// File layout (all integers little-endian):
//   identifier[12]  «KTX 20»\r\n\x1A\n
//   header          vkFormat, typeSize, pixelWidth, pixelHeight, pixelDepth, layerCount, faceCount, levelCount,
//                   supercompressionScheme (9 x u32)
//   index           dfdByteOffset, dfdByteLength, kvdByteOffset, kvdByteLength (u32), sgdByteOffset,
//                   sgdByteLength (u64)                                          -> 80 bytes so far
//   level index     per level: byteOffset, byteLength, uncompressedByteLength (3 x u64)
//   DFD             dfdTotalSize (u32) + one basic descriptor block (24 bytes + 16 per sample)
//   key/value data  per entry: keyAndValueByteLength (u32), key, NUL, value, padding to 4 bytes; sorted by key
//   mip padding     zeros up to lcm(texel block size, 4)
//   level data      levels from the smallest to the largest (here: the only one)
#pragma once

#include "specdither/api.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace specdither {

namespace ktx2 {
constexpr uint8_t kIdentifier[12] = {0xAB, 0x4B, 0x54, 0x58, 0x20, 0x32, 0x30, 0xBB, 0x0D, 0x0A, 0x1A, 0x0A};
constexpr uint32_t kHeaderAndIndexBytes = 80;
constexpr uint32_t kLevelIndexEntryBytes = 24;

// VkFormat values (vulkan_core.h).
constexpr uint32_t kR8Unorm = 9;
constexpr uint32_t kR16Unorm = 70;
constexpr uint32_t kR32Sfloat = 100;

// Khronos Data Format Specification 1.3, basic descriptor block.
constexpr uint32_t kDfdVersion = 2;          // KHR_DF_VERSIONNUMBER_1_3
constexpr uint32_t kDfdModelRgbsda = 1;      // KHR_DF_MODEL_RGBSDA
constexpr uint32_t kDfdPrimariesBt709 = 1;   // KHR_DF_PRIMARIES_BT709
constexpr uint32_t kDfdTransferLinear = 1;   // KHR_DF_TRANSFER_LINEAR: a mask holds thresholds, not colors
constexpr uint32_t kDfdChannelRed = 0;       // KHR_DF_CHANNEL_RGBSDA_RED
constexpr uint32_t kDfdSampleSigned = 0x40;  // KHR_DF_SAMPLE_DATATYPE_SIGNED
constexpr uint32_t kDfdSampleFloat = 0x80;   // KHR_DF_SAMPLE_DATATYPE_FLOAT
constexpr uint32_t kDfdBlockHeaderBytes = 24;
constexpr uint32_t kDfdSampleBytes = 16;

// Bytes per texel of the formats specdither reads and writes; 0 for any other.
uint32_t texelBytes(uint32_t vkFormat);
const char* formatName(uint32_t vkFormat);  // "R8_UNORM", ... or "unsupported"
}  // namespace ktx2

// One uncompressed single-channel 2D texture as specdither writes and reads it.
struct Ktx2Texture {
  uint32_t vkFormat = 0;
  uint32_t typeSize = 0;
  uint32_t width = 0;
  uint32_t height = 0;
  uint32_t levelCount = 1;
  uint32_t supercompressionScheme = 0;
  std::vector<uint8_t> level0;                   // width * height texels, little-endian, row 0 first
  std::map<std::string, std::string> keyValues;  // values without their terminating NUL
  std::vector<uint32_t> dfd;                     // as stored, dfdTotalSize first (filled by the reader)
};

// The whole file for a texture (level0, width, height, vkFormat and keyValues are used; the DFD is built from
// vkFormat). Keys must be non-empty and free of NUL bytes (checked by the caller).
std::vector<uint8_t> encodeKtx2(const Ktx2Texture& texture);

// Parses a KTX2 file held in memory, checking every offset and length against the file's size. Accepts only
// what specdither can use: non-supercompressed R8_UNORM / R16_UNORM / R32_SFLOAT 2D textures (level 0 is
// returned). Returns false and sets *reason (one line, without the file name) otherwise.
SPECDITHER_API bool parseKtx2(const std::vector<uint8_t>& bytes, Ktx2Texture* out, std::string* reason);

// readFileBytes + parseKtx2; *error names the file.
SPECDITHER_API bool readKtx2(const std::string& path, Ktx2Texture* out, std::string* error);

}  // namespace specdither

// The KTX 2.0 container (Khronos, "KTX File Format Specification 2.0") as far as specdither uses it: one
// uncompressed 2D image or 2D array texture (its layers a mask's slices) of 1, 2 or 4 components (a mask's
// channels), no supercompression, a basic Data Format Descriptor and key/value data.
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
//   level data      levels from the smallest to the largest (here: the only one); within a level the layers
//                   one after the other, each a row-major image of interleaved components
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

// VkFormat values (vulkan_core.h): 1, 2 and 4 components of 8-bit UNORM, 16-bit UNORM and 32-bit SFLOAT.
constexpr uint32_t kR8Unorm = 9;
constexpr uint32_t kR8G8Unorm = 16;
constexpr uint32_t kR8G8B8A8Unorm = 37;
constexpr uint32_t kR16Unorm = 70;
constexpr uint32_t kR16G16Unorm = 77;
constexpr uint32_t kR16G16B16A16Unorm = 91;
constexpr uint32_t kR32Sfloat = 100;
constexpr uint32_t kR32G32Sfloat = 103;
constexpr uint32_t kR32G32B32A32Sfloat = 109;

// Khronos Data Format Specification 1.3, basic descriptor block.
constexpr uint32_t kDfdVersion = 2;          // KHR_DF_VERSIONNUMBER_1_3
constexpr uint32_t kDfdModelRgbsda = 1;      // KHR_DF_MODEL_RGBSDA
constexpr uint32_t kDfdPrimariesBt709 = 1;   // KHR_DF_PRIMARIES_BT709
constexpr uint32_t kDfdTransferLinear = 1;   // KHR_DF_TRANSFER_LINEAR: a mask holds thresholds, not colors
constexpr uint32_t kDfdChannelRed = 0;       // KHR_DF_CHANNEL_RGBSDA_RED
constexpr uint32_t kDfdChannelGreen = 1;     // KHR_DF_CHANNEL_RGBSDA_GREEN
constexpr uint32_t kDfdChannelBlue = 2;      // KHR_DF_CHANNEL_RGBSDA_BLUE
constexpr uint32_t kDfdChannelAlpha = 15;    // KHR_DF_CHANNEL_RGBSDA_ALPHA
constexpr uint32_t kDfdSampleSigned = 0x40;  // KHR_DF_SAMPLE_DATATYPE_SIGNED
constexpr uint32_t kDfdSampleFloat = 0x80;   // KHR_DF_SAMPLE_DATATYPE_FLOAT
constexpr uint32_t kDfdBlockHeaderBytes = 24;
constexpr uint32_t kDfdSampleBytes = 16;

// Bytes per texel of the formats specdither reads and writes; 0 for any other.
uint32_t texelBytes(uint32_t vkFormat);
uint32_t componentCount(uint32_t vkFormat);  // 1, 2 or 4; 0 for an unsupported format
const char* formatName(uint32_t vkFormat);   // "R8_UNORM", "R16G16_UNORM", ... or "unsupported"
// The format of componentBytes (1, 2: UNORM; 4: SFLOAT) x components (1, 2 or 4); 0 for another combination.
uint32_t formatOf(uint32_t componentBytes, uint32_t components);
}  // namespace ktx2

// One uncompressed 2D texture or 2D array texture as specdither writes and reads it.
struct Ktx2Texture {
  uint32_t vkFormat = 0;
  uint32_t typeSize = 0;  // bytes of one component
  uint32_t width = 0;
  uint32_t height = 0;
  uint32_t layerCount = 0;  // as stored: 0 for a plain 2D texture, else the array's layers
  uint32_t levelCount = 1;
  uint32_t supercompressionScheme = 0;
  std::vector<uint8_t> level0;  // max(layerCount, 1) * width * height texels, little-endian, layer 0 row 0 first

  uint32_t layers() const { return layerCount == 0 ? 1 : layerCount; }
  std::map<std::string, std::string> keyValues;  // values without their terminating NUL
  std::vector<uint32_t> dfd;                     // as stored, dfdTotalSize first (filled by the reader)
};

// The whole file for a texture (level0, width, height, layerCount, vkFormat and keyValues are used; the DFD is
// built from vkFormat: one sample per component, R, G, B, A). Keys must be non-empty and free of NUL bytes
// (checked by the caller).
std::vector<uint8_t> encodeKtx2(const Ktx2Texture& texture);

// readFileBytes + parseKtx2; *error names the file.
SPECDITHER_API bool readKtx2(const std::string& path, Ktx2Texture* out, std::string* error);

}  // namespace specdither

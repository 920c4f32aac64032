// Private to the core (not installed, not exported): the parts of ktx2_format.h that only the core and its
// tests call.
#pragma once

#include "specdither/ktx2_format.h"

namespace specdither {

// Parses a KTX2 file held in memory, checking every offset and length against the file's size. Accepts only
// what specdither can use: non-supercompressed 2D or 2D array textures of the formats above (level 0 is
// returned). Returns false and sets *reason (one line, without the file name) otherwise.
bool parseKtx2(const std::vector<uint8_t>& bytes, Ktx2Texture* out, std::string* reason);

}  // namespace specdither

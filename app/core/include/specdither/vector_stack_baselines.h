// What a renderer uses today in place of an optimized vector stack (docs/method.md §10.5): the baselines of
// `generate --values KIND --slices T --method white|golden-ratio|independent`. The third, independent slices, is
// the stack optimizer with temporal weight 0 (every slice optimized alone; vector_swap_optimizer.h).
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"
#include "specdither/vector_swap_optimizer.h"

#include <cstdint>
#include <string>

namespace specdither {

// White noise: every slice a random permutation of the domain's stratified sample (the swaps' own start), seeded.
// shape.channels is ignored: the mask gets vectorComponents(domain).
SPECDITHER_API Mask whiteVectorMask(VectorDomain domain, const MaskShape& shape, uint64_t seed);

// "" when the domain has a golden-ratio animation: vec2 and circle, whose toroidal shift keeps the sample's
// distribution; else why not.
SPECDITHER_API std::string checkGoldenRatioVectorDomain(VectorDomain domain);

// One 2D vector mask animated by a low-discrepancy offset per frame, what engines do with one blue-noise texture
// (the vector form of the scalar golden-ratio stack, stack_preset.h): slice t holds v + t a (mod 1), a = (1/g,
// 1/g^2) for vec2 (Roberts' R2 sequence, g the plastic number 1.3247...) and a = phi - 1 turns for the circle.
// Throws std::invalid_argument for the other domains or a mask that is not 2D.
SPECDITHER_API Mask goldenRatioVectorStack(const Mask& mask2D, VectorDomain domain, uint32_t slices);

}  // namespace specdither

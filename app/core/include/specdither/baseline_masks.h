// The classic dither masks every optimized mask is compared against, written from their papers. All are exact
// permutations, returned rank-normalized (value = (rank + 0.5) / N, mask.h's maskFromRanks), deterministic for a
// given seed.
//
//   White           a uniformly random permutation (white noise with an exact histogram).
//   Bayer           Bayer's ordered-dither matrix (B. E. Bayer, "An optimum method for two-level rendition of
//                   continuous-tone pictures", ICC 1973). Power-of-two sizes only.
//   VoidAndCluster  R. Ulichney, "The void-and-cluster method for dither array generation", SPIE 1913, 1993:
//                   a toroidal Gaussian energy (sigma 1.9 by default, as in C. Peters' free blue-noise textures),
//                   an initial binary pattern of max(1, N / 10) random 1s relaxed until stable, then phases 1-3.
//                   Any W x H.
//   Lottes          T. Lottes' high-pass-and-rank: white noise, then repeatedly subtract a toroidal Gaussian blur
//                   (a high-pass filter) and replace every value by its rank (histogram back to uniform).
#pragma once

#include "specdither/api.h"
#include "specdither/mask.h"

#include <cstdint>
#include <functional>
#include <string>

namespace specdither {

enum class BaselineMethod { White, Bayer, VoidAndCluster, Lottes };

// Default sigma of each method when generateBaseline is called with sigma <= 0: void-and-cluster 1.9 (energy
// kernel), Lottes 1.0 (high-pass blur); White and Bayer ignore sigma.
SPECDITHER_API double defaultBaselineSigma(BaselineMethod method);

// "white", "bayer", "vac" (also "void-and-cluster"), "lottes". Returns false for an unknown name.
SPECDITHER_API bool parseBaselineMethod(const std::string& name, BaselineMethod* method);
SPECDITHER_API const char* baselineMethodName(BaselineMethod method);

// Generates a baseline mask of a 2D single-channel shape. sigma <= 0 selects defaultBaselineSigma(method). On a
// user-caused error (zero size, a Bayer size that is not a power of two, a size too large, slices or channels)
// returns an empty Mask and sets *error to one line.
//
// Bayer sizes: square 2^k x 2^k is Bayer's matrix. For 2^a x 2^b with a != b the shared low bits of x and y
// are interleaved exactly as in the square matrix (they form the most significant rank bits, so every
// 2^min x 2^min tile is Bayer's dispersed pattern) and the long axis's remaining bits follow in bit-reversed
// order (the 1D dispersed order), so each level stays spread over the whole mask.
//
// progress (may be empty) receives the share of the work done, in [0, 1]: void-and-cluster every few thousand
// ranks, Lottes after each round (white noise and Bayer take a blink at any size they accept).
SPECDITHER_API Mask generateBaseline(BaselineMethod method, const MaskShape& shape, uint64_t seed, double sigma,
                                     std::string* error, const std::function<void(double)>& progress = {});

// What generateBaseline refuses, without doing the work: "" or its one-line reason.
SPECDITHER_API std::string checkBaseline(BaselineMethod method, const MaskShape& shape);

}  // namespace specdither

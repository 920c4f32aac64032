#include "sort_pair.glsl"

// The lower element of compare-exchange pair p at distance j (a power of two): 2j * (p / j) + p % j, with bit
// operations, because integer division does not vectorize on CPU implementations (lavapipe).
uint lowerOfPair(uint p, uint j) { return ((p & ~(j - 1u)) << 1) | (p & (j - 1u)); }

struct SortPair {
  float key;
  uint index;
};

// Total order: by key, ties by index, so the sort is deterministic and equal keys keep pixel order.
bool pairLess(SortPair a, SortPair b) { return a.key < b.key || (a.key == b.key && a.index < b.index); }

// The lower element of compare-exchange pair p at distance j (a power of two): 2j * (p / j) + p % j, with bit
// operations, because integer division does not vectorize on CPU implementations (lavapipe).
uint lowerOfPair(uint p, uint j) { return ((p & ~(j - 1u)) << 1) | (p & (j - 1u)); }

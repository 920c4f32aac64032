// The (key, index) pair every GPU sort orders (bitonic_sort.h, merge_sort.h).
struct SortPair {
  float key;
  uint index;
};

// Total order: by key, ties by index, so the sort is deterministic and equal keys keep pixel order.
bool pairLess(SortPair a, SortPair b) { return a.key < b.key || (a.key == b.key && a.index < b.index); }

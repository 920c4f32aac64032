#include "test_files.h"

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <numeric>
#include <random>

namespace specdither::test {

std::vector<uint8_t> slurpBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string slurpText(const std::string& path) {
  const std::vector<uint8_t> bytes = slurpBytes(path);
  return std::string(bytes.begin(), bytes.end());
}

void writeBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

std::vector<std::string> entries(const std::string& folder) {
  std::vector<std::string> names;
  if (DIR* dir = opendir(folder.c_str())) {
    while (dirent* e = readdir(dir))
      if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") names.push_back(e->d_name);
    closedir(dir);
  }
  std::sort(names.begin(), names.end());
  return names;
}

Mask randomPermutationMask(uint32_t width, uint32_t height, uint32_t seed) {
  std::vector<uint32_t> ranks(size_t(width) * height);
  std::iota(ranks.begin(), ranks.end(), 0u);
  std::mt19937 rng(seed);
  std::shuffle(ranks.begin(), ranks.end(), rng);
  return maskFromRanks({{width, height}, ranks});
}

}  // namespace specdither::test

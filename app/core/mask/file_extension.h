// The extension that decides a mask file's format, one rule for every reader and writer of the core: the text
// from the last '.' of the file name on, lower-cased ("mask.PNG" -> ".png"), "" when the name has none.
#pragma once

#include <cctype>
#include <string>

namespace specdither {

inline std::string fileExtension(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  const size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  std::string ext = path.substr(dot);
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace specdither

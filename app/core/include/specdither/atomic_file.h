// Atomic file writes: every file specdither produces (masks, images, reports) goes through here, so a failed or
// interrupted write never leaves a half-written file and never damages an existing file of the same name.
//
// How: the bytes go to a temporary file in the destination's own folder (same filesystem, so the final rename
// is atomic), are flushed and fsync'ed, the temporary file gets ordinary permissions (0666 minus the umask),
// and only then is it renamed over the destination. On any failure the temporary file is removed and the
// destination is left exactly as it was.
#pragma once

#include "specdither/api.h"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace specdither {

// Writes the file's content into the open temporary file. Returns false and sets *error (one line, without
// the file name: the caller adds it) to abandon the write. A writer may also throw; that abandons it too.
using FileContentWriter = std::function<bool(std::FILE* file, std::string* error)>;

// Streams the content through writer, then renames it into place. On failure returns false and sets *error
// to one line naming path and the reason; no temporary file remains and an existing file at path is untouched.
SPECDITHER_API bool writeFileAtomically(const std::string& path, const FileContentWriter& writer, std::string* error);

// The same for content already in memory.
SPECDITHER_API bool writeFileAtomically(const std::string& path, const std::vector<uint8_t>& bytes, std::string* error);
SPECDITHER_API bool writeFileAtomically(const std::string& path, const std::string& bytes, std::string* error);

// The checks a long run makes before its work, so that it cannot end in a failed write (one line each, "" when
// the write can proceed):
// checkFileWritable: path names no folder, and its folder exists and is writable (the atomic write creates its
// temporary file there). option, when not empty, leads the message ("--out x/m.png: ...").
SPECDITHER_API std::string checkFileWritable(const std::string& path, const std::string& option = "");
// checkFolderCreatable: dir is a writable folder, or does not exist yet and its nearest existing ancestor is a
// writable folder (create_directories will make it).
SPECDITHER_API std::string checkFolderCreatable(const std::string& dir, const std::string& option = "");

// Reads a whole file into memory (the counterpart the binary readers use). On failure returns false and sets
// *error to one line naming path and the reason.
SPECDITHER_API bool readFileBytes(const std::string& path, std::vector<uint8_t>* bytes, std::string* error);

}  // namespace specdither

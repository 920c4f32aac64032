#include "specdither/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <exception>
#include <mutex>

namespace specdither {

namespace {

std::string folderOf(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string baseNameOf(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string systemReason() { return std::strerror(errno); }

// mkstemp creates files readable by the owner only; a mask or report should get the permissions any other
// newly created file would (0666 minus the umask). Linux shows the umask in /proc/self/status; elsewhere it can
// only be read by setting it (and at once setting it back), which could race with another thread creating files.
mode_t defaultFileMode() {
  if (std::FILE* status = std::fopen("/proc/self/status", "r")) {
    char line[256];
    unsigned mask = 0;
    bool found = false;
    while (!found && std::fgets(line, sizeof(line), status)) found = std::sscanf(line, "Umask: %o", &mask) == 1;
    std::fclose(status);
    if (found) return 0666 & ~mode_t(mask);
  }
  const mode_t mask = umask(022);
  umask(mask);
  return 0666 & ~mask;
}

// Makes the rename itself durable; a failure here is not worth failing the write over (the data is in place).
void syncFolder(const std::string& folder) {
  const int fd = open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  fsync(fd);
  close(fd);
}

// Ctrl+C (SIGINT) or a kill (SIGTERM) while a file is being written must not leave its temporary file behind.
// The temporary files in progress live in fixed slots that a signal handler can read without allocating; the
// handler removes them, then lets the signal do what it would have done (the default action: exit).
constexpr int kPendingSlots = 8;
constexpr size_t kPendingPathBytes = 4096;
char gPendingPath[kPendingSlots][kPendingPathBytes];
// 0: free, 1: claimed by a writer that is filling in the path, 2: the path is complete (the handler's to remove).
std::atomic<int> gPendingState[kPendingSlots];

extern "C" void removePendingFilesAndReraise(int signal) {
  for (int i = 0; i < kPendingSlots; ++i)
    if (gPendingState[i].load() == 2) unlink(gPendingPath[i]);
  std::signal(signal, SIG_DFL);
  raise(signal);
}

// Installed once, and only over the default action: a program with its own handler keeps it.
void installCleanupOnSignals() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int signal : {SIGINT, SIGTERM}) {
      struct sigaction current = {};
      if (sigaction(signal, nullptr, &current) != 0 || current.sa_handler != SIG_DFL) continue;
      struct sigaction cleanup = {};
      cleanup.sa_handler = removePendingFilesAndReraise;
      sigemptyset(&cleanup.sa_mask);
      sigaction(signal, &cleanup, nullptr);
    }
  });
}

// The slot that holds tempPath while it exists (-1 when all are taken: then only an interrupt can leave it).
int registerPendingFile(const std::string& tempPath) {
  installCleanupOnSignals();
  if (tempPath.size() >= kPendingPathBytes) return -1;
  for (int i = 0; i < kPendingSlots; ++i) {
    int expected = 0;
    if (gPendingState[i].compare_exchange_strong(expected, 1)) {
      std::memcpy(gPendingPath[i], tempPath.c_str(), tempPath.size() + 1);
      gPendingState[i].store(2);
      return i;
    }
  }
  return -1;
}

void releasePendingFile(int slot) {
  if (slot >= 0) gPendingState[slot].store(0);
}

}  // namespace

bool writeFileAtomically(const std::string& path, const FileContentWriter& writer, std::string* error) {
  auto failWith = [&](const std::string& reason) {
    if (error) *error = "cannot write '" + path + "': " + reason;
    return false;
  };
  if (path.empty()) return failWith("empty file name");
  const std::string base = baseNameOf(path);
  if (base.empty() || base == "." || base == "..") return failWith("not a file name");
  struct stat existing;
  if (stat(path.c_str(), &existing) == 0 && S_ISDIR(existing.st_mode)) return failWith("it is a folder");

  const std::string folder = folderOf(path);
  // Hidden and recognizable, so a crash mid-write leaves an obvious leftover rather than a plausible file.
  std::string tempPath = folder + "/." + base + ".tmp-XXXXXX";
  const int fd = mkstemp(tempPath.data());
  if (fd < 0) return failWith("cannot create a file in '" + folder + "': " + systemReason());
  const int pendingSlot = registerPendingFile(tempPath);
  std::FILE* file = fdopen(fd, "wb");
  if (!file) {
    const std::string reason = systemReason();
    close(fd);
    unlink(tempPath.c_str());
    releasePendingFile(pendingSlot);
    return failWith(reason);
  }

  std::string reason;
  bool ok = false;
  try {
    ok = writer(file, &reason);
  } catch (const std::exception& e) {
    reason = e.what();
  } catch (...) {
    reason = "unexpected error while writing";
  }
  if (ok && (std::fflush(file) != 0 || std::ferror(file))) {
    ok = false;
    reason = systemReason();
  }
  if (ok && fsync(fileno(file)) != 0) {
    ok = false;
    reason = systemReason();
  }
  if (ok && fchmod(fileno(file), defaultFileMode()) != 0) {
    ok = false;
    reason = systemReason();
  }
  if (std::fclose(file) != 0 && ok) {
    ok = false;
    reason = systemReason();
  }
  if (ok && rename(tempPath.c_str(), path.c_str()) != 0) {
    ok = false;
    reason = systemReason();
  }
  if (!ok) unlink(tempPath.c_str());
  releasePendingFile(pendingSlot);
  if (!ok) return failWith(reason.empty() ? "write failed" : reason);
  syncFolder(folder);
  return true;
}

bool writeFileAtomically(const std::string& path, const std::vector<uint8_t>& bytes, std::string* error) {
  return writeFileAtomically(
      path,
      [&](std::FILE* file, std::string* reason) {
        if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size()) {
          *reason = systemReason();
          return false;
        }
        return true;
      },
      error);
}

bool writeFileAtomically(const std::string& path, const std::string& bytes, std::string* error) {
  return writeFileAtomically(path, std::vector<uint8_t>(bytes.begin(), bytes.end()), error);
}

bool readFileBytes(const std::string& path, std::vector<uint8_t>* bytes, std::string* error) {
  auto failWith = [&](const std::string& reason) {
    if (error) *error = "cannot read '" + path + "': " + reason;
    return false;
  };
  // Masks are at most 4096 x 4096 float32 (64 MiB); anything far larger is not a mask and not worth the memory.
  constexpr long long kMaxBytes = 1ll << 30;
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return failWith(systemReason());
  struct stat info;
  if (fstat(fileno(file), &info) != 0 || !S_ISREG(info.st_mode)) {
    std::fclose(file);
    return failWith("not a regular file");
  }
  if (info.st_size > kMaxBytes) {
    std::fclose(file);
    return failWith("file too large (" + std::to_string(info.st_size) + " bytes)");
  }
  bytes->resize(size_t(info.st_size));
  const size_t got = bytes->empty() ? 0 : std::fread(bytes->data(), 1, bytes->size(), file);
  const bool failed = std::ferror(file) || got != bytes->size();
  std::fclose(file);
  if (failed) return failWith("read error");
  return true;
}

namespace {

// "--out x: " or "'x': " before a reason.
std::string subjectOf(const std::string& path, const std::string& option) {
  return option.empty() ? "cannot write '" + path + "': " : option + " " + path + ": ";
}

bool isFolder(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

bool exists(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0;
}

}  // namespace

std::string checkFileWritable(const std::string& path, const std::string& option) {
  if (path.empty()) return (option.empty() ? std::string("output") : option) + ": no file name given";
  if (path.back() == '/' || isFolder(path)) return subjectOf(path, option) + "is a folder, not a file name";
  const std::string folder = folderOf(path);
  if (!isFolder(folder)) return subjectOf(path, option) + "folder '" + folder + "' does not exist";
  if (access(folder.c_str(), W_OK) != 0) return subjectOf(path, option) + "folder '" + folder + "' is not writable";
  return "";
}

std::string checkFolderCreatable(const std::string& dir, const std::string& option) {
  if (dir.empty()) return (option.empty() ? std::string("folder") : option) + ": no folder name given";
  const std::string subject = option.empty() ? "cannot write into '" + dir + "': " : option + " " + dir + ": ";
  std::string folder = dir;
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  // The nearest existing ancestor (dir itself when it exists) must be a writable folder.
  while (!exists(folder)) {
    const std::string parent = folderOf(folder);
    if (parent == folder) break;
    folder = parent;
  }
  if (!isFolder(folder)) return subject + "'" + folder + "' is a file, not a folder";
  if (access(folder.c_str(), W_OK) != 0) return subject + "folder '" + folder + "' is not writable";
  return "";
}

}  // namespace specdither

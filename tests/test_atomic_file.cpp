// Atomic writes: a failed write of any kind leaves no temporary file and an existing file byte for byte as it
// was; a successful one replaces the file with ordinary permissions.
#include "specdither/atomic_file.h"
#include "gpu_test.h"
#include "test_files.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include <stdexcept>

using namespace specdither;

using specdither::test::entries;

TEST(AtomicFile, WritesAndReplaces) {
  const std::string dir = test::makeTempDir();
  const std::string path = dir + "/out.bin";
  std::string error;
  ASSERT_TRUE(writeFileAtomically(path, std::string("first"), &error)) << error;
  EXPECT_EQ(test::slurpText(path), "first");
  ASSERT_TRUE(writeFileAtomically(path, std::vector<uint8_t>{'2', 'n', 'd'}, &error)) << error;
  EXPECT_EQ(test::slurpText(path), "2nd");
  EXPECT_EQ(entries(dir), std::vector<std::string>{"out.bin"});

  // Ordinary permissions (what the umask allows), not mkstemp's owner-only 0600.
  const mode_t mask = umask(022);
  umask(mask);
  struct stat st;
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0666u & ~mask);

  std::vector<uint8_t> back;
  ASSERT_TRUE(readFileBytes(path, &back, &error)) << error;
  EXPECT_EQ(std::string(back.begin(), back.end()), "2nd");
}

TEST(AtomicFile, FailingWriterLeavesExistingFileAndNoTemporaryFile) {
  const std::string dir = test::makeTempDir();
  const std::string path = dir + "/keep.txt";
  std::string error;
  ASSERT_TRUE(writeFileAtomically(path, std::string("precious"), &error)) << error;

  // The writer wrote part of its content before failing: none of it may reach keep.txt.
  const bool ok = writeFileAtomically(
      path,
      [](std::FILE* file, std::string* reason) {
        std::fputs("half of a new ", file);
        *reason = "simulated failure";
        return false;
      },
      &error);
  EXPECT_FALSE(ok);
  EXPECT_NE(error.find("keep.txt"), std::string::npos) << error;
  EXPECT_NE(error.find("simulated failure"), std::string::npos) << error;
  EXPECT_EQ(test::slurpText(path), "precious");
  EXPECT_EQ(entries(dir), std::vector<std::string>{"keep.txt"});

  // A writer that throws is a failure too, not a crash.
  EXPECT_FALSE(writeFileAtomically(
      path,
      [](std::FILE* file, std::string*) -> bool {
        std::fputs("partial", file);
        throw std::runtime_error("thrown mid-write");
      },
      &error));
  EXPECT_NE(error.find("thrown mid-write"), std::string::npos) << error;
  EXPECT_EQ(test::slurpText(path), "precious");
  EXPECT_EQ(entries(dir), std::vector<std::string>{"keep.txt"});
}

TEST(AtomicFile, BadDestinationsAreOneLineErrors) {
  const std::string dir = test::makeTempDir();
  std::string error;
  EXPECT_FALSE(writeFileAtomically(dir + "/missing/x.bin", std::string("x"), &error));
  EXPECT_NE(error.find("x.bin"), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;

  EXPECT_FALSE(writeFileAtomically(dir, std::string("x"), &error));
  EXPECT_NE(error.find("folder"), std::string::npos) << error;
  EXPECT_FALSE(writeFileAtomically("", std::string("x"), &error));

  // A folder the user may not write into (root ignores permissions, so only check as a normal user).
  if (geteuid() != 0) {
    const std::string locked = dir + "/locked";
    ASSERT_EQ(mkdir(locked.c_str(), 0555), 0);
    EXPECT_FALSE(writeFileAtomically(locked + "/x.bin", std::string("x"), &error));
    EXPECT_NE(error.find("Permission denied"), std::string::npos) << error;
    chmod(locked.c_str(), 0755);
    EXPECT_TRUE(entries(locked).empty());
  }
  std::vector<uint8_t> bytes;
  EXPECT_FALSE(readFileBytes(dir + "/nothing", &bytes, &error));
  EXPECT_NE(error.find("nothing"), std::string::npos) << error;
}

// Ctrl+C or SIGTERM in the middle of a write: the process ends by the signal, as it would have, and no
// temporary file is left beside the destination.
TEST(AtomicFile, InterruptedWriteLeavesNoTemporaryFile) {
  for (int signal : {SIGINT, SIGTERM}) {
    const std::string dir = test::makeTempDir();
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      std::string error;
      writeFileAtomically(
          dir + "/mask.png",
          [&](std::FILE* file, std::string*) {
            std::fputs("partial", file);
            std::fflush(file);
            const char go = 1;
            (void)!write(ready[1], &go, 1);
            pause();  // until the signal ends the process
            return true;
          },
          &error);
      _exit(0);  // not reached unless the signal was ignored
    }
    char go = 0;
    ASSERT_EQ(read(ready[0], &go, 1), 1);
    ASSERT_EQ(entries(dir).size(), 1u) << "the temporary file exists while the writer runs";
    kill(child, signal);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signal) << "the signal still ends the process";
    EXPECT_TRUE(entries(dir).empty()) << "signal " << signal << " left a file behind";
    close(ready[0]);
    close(ready[1]);
  }
}

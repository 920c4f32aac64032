// Test support: a fresh GPU context per test (validation on whenever SPECDITHER_TEST_VALIDATE is set, which
// ctest always sets) that fails the test on any validation error; paths to the CLI and shared data; running
// the CLI as a subprocess.
#pragma once

#include "specdither/context.h"

#include <gtest/gtest.h>

#include <string>

namespace specdither::test {

class GpuTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  GpuContext* context = nullptr;
};

// ../shared (or $SPECDITHER_SHARED_DIR); tests that need a file there skip with a message when it is absent.
std::string sharedDataDir();
// A fresh empty temporary folder, removed at process exit.
std::string makeTempDir();

struct CommandResult {
  int exitCode = -1;
  std::string output;  // stdout
  std::string errors;  // stderr
};
// Runs the specdither CLI with the given arguments (a shell-quoted string) and collects its output.
CommandResult runCli(const std::string& arguments);
// Runs any shell command line. A sanitizer report in its stderr (or exit code 86, scripts/test.sh) fails the test.
CommandResult runShell(const std::string& commandLine);

bool fileExists(const std::string& path);

}  // namespace specdither::test

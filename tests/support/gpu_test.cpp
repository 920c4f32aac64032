#include "gpu_test.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace specdither::test {

void GpuTest::SetUp() {
  ContextOptions options;
  options.validate = std::getenv("SPECDITHER_TEST_VALIDATE") != nullptr;
  options.quiet = true;
  std::string error;
  context = createContext(options, &error);
  ASSERT_NE(context, nullptr) << error;
}

void GpuTest::TearDown() {
  if (!context) return;
  int errors = destroyContext(context);
  context = nullptr;
  EXPECT_EQ(errors, 0) << "validation errors were reported (see stderr)";
}

std::string sharedDataDir() {
  if (const char* dir = std::getenv("SPECDITHER_SHARED_DIR")) return dir;
  return "../shared";
}

bool fileExists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::string makeTempDir() {
  char templ[] = "/tmp/specdither-test-XXXXXX";
  const char* dir = mkdtemp(templ);
  if (!dir) return "/tmp";
  std::string path = dir;
  static std::vector<std::string>* dirs = nullptr;
  if (!dirs) {
    dirs = new std::vector<std::string>();
    std::atexit([] {
      for (const std::string& d : *dirs) std::system(("rm -rf '" + d + "'").c_str());
    });
  }
  dirs->push_back(path);
  return path;
}

static std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

CommandResult runShell(const std::string& commandLine) {
  std::string dir = makeTempDir();
  std::string out = dir + "/stdout", err = dir + "/stderr";
  std::string full = commandLine + " >'" + out + "' 2>'" + err + "' </dev/null";
  int status = std::system(full.c_str());
  CommandResult r;
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  r.output = slurp(out);
  r.errors = slurp(err);
  // Under the sanitizer build (scripts/test.sh) a report ends the process with exit code 86; UndefinedBehavior-
  // Sanitizer writes it to stderr, which the caller may only glance at: fail the test here, with the report.
  if (r.exitCode == 86 || r.errors.find("runtime error:") != std::string::npos ||
      r.errors.find("Sanitizer") != std::string::npos)
    ADD_FAILURE() << "sanitizer report from `" << commandLine << "`:\n" << r.errors;
  return r;
}

CommandResult runCli(const std::string& arguments) {
  const char* cli = std::getenv("SPECDITHER_CLI");
  return runShell(std::string("'") + (cli ? cli : "specdither") + "' " + arguments);
}

}  // namespace specdither::test

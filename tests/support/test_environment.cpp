// Exports the test environment (lavapipe pinned, validation on, paths to the CLI, the build and ../shared) into
// the process before main, so that every test and every subprocess it starts sees it. A variable already set
// by the caller wins, so a developer can point the suite at another driver.
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

void exportEntry(const char* entry) {
  const char* equals = std::strchr(entry, '=');
  if (!equals) return;
  const std::string name(entry, equals);
  setenv(name.c_str(), equals + 1, /*overwrite=*/0);
}

struct ExportTestEnvironment {
  ExportTestEnvironment() {
    const char* entries[] = {
#ifdef SPECDITHER_TEST_ENV_0
        SPECDITHER_TEST_ENV_0,
#endif
#ifdef SPECDITHER_TEST_ENV_1
        SPECDITHER_TEST_ENV_1,
#endif
#ifdef SPECDITHER_TEST_ENV_2
        SPECDITHER_TEST_ENV_2,
#endif
#ifdef SPECDITHER_TEST_ENV_3
        SPECDITHER_TEST_ENV_3,
#endif
#ifdef SPECDITHER_TEST_ENV_4
        SPECDITHER_TEST_ENV_4,
#endif
#ifdef SPECDITHER_TEST_ENV_5
        SPECDITHER_TEST_ENV_5,
#endif
        nullptr};
    for (const char** e = entries; *e; ++e) exportEntry(*e);
  }
} exportTestEnvironment;

}  // namespace

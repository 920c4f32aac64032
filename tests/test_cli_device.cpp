// Device selection from the command line: listing, choosing by name, and one clear line when nothing fits.
#include "gpu_test.h"

#include <algorithm>
#include <cstdlib>

using specdither::test::runCli;
using specdither::test::runShell;

namespace {

TEST(CliDevice, ListsLavapipe) {
  specdither::test::CommandResult r = runCli("devices");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_NE(r.output.find("0: llvmpipe"), std::string::npos) << r.output;
}

TEST(CliDevice, UnknownDeviceNameIsOneLine) {
  const std::string dir = specdither::test::makeTempDir();
  specdither::test::CommandResult r = runCli("generate --size 16 --passes 1 --device nosuchgpu --out " + dir +
                                             "/m.png");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.errors, "specdither: no Vulkan device matches --device 'nosuchgpu' (see `specdither devices`)\n");
  EXPECT_FALSE(specdither::test::fileExists(dir + "/m.png"));
}

TEST(CliDevice, NoVulkanDeviceIsOneLine) {
  const std::string dir = specdither::test::makeTempDir();
  const char* cli = std::getenv("SPECDITHER_CLI");
  ASSERT_NE(cli, nullptr);
  // A driver list that names no real driver: the loader finds no device at all.
  specdither::test::CommandResult r = runShell(std::string("VK_DRIVER_FILES=/nonexistent/icd.json '") + cli +
                                               "' generate --size 16 --passes 1 --out " + dir + "/m.png");
  EXPECT_EQ(r.exitCode, 1) << r.errors;
  EXPECT_NE(r.errors.find("specdither: "), std::string::npos) << r.errors;
  EXPECT_NE(r.errors.find("Vulkan"), std::string::npos) << r.errors;
  EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << r.errors;
  EXPECT_FALSE(specdither::test::fileExists(dir + "/m.png"));
}

}  // namespace

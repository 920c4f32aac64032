// `specdither filter` end to end: bad input fails with one line and writes nothing; a run writes a JSON
// report whose numbers hold together, a contact sheet and a header; a Kodak image from ../shared can be used.
#include "gpu_test.h"
#include "specdither/png_io.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

namespace specdither {
namespace {

using test::fileExists;
using test::runCli;

int lineCount(const std::string& text) {
  int lines = 0;
  for (char c : text) lines += c == '\n';
  return lines;
}

nlohmann::json readJson(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

TEST(filterCli, BadInputFailsWithOneLineAndNoOutput) {
  const std::string dir = test::makeTempDir();
  const std::string out = dir + "/out.json";
  const std::pair<std::string, std::string> cases[] = {
      {"--rank 0", "rank"},
      {"--diameter 8 --rank 9", "exceeds"},
      {"--diameter 2", "diameter"},
      {"--diameter 100000", "diameter"},
      {"--w-nonneg nan", "--w-nonneg"},
      {"--w-zeros -1", "--w-zeros"},
      {"--w-l2 inf", "--w-l2"},
      {"--lr -0.1", "--lr"},
      {"--steps -5", "--steps"},
      {"--optimizer sgd", "optimizer"},
      {"--diameter 20 --kernel k.png", "either"},
      {"--kernel /nonexistent/kernel.png", "kernel.png"},
      {"--image /nonexistent/photo.png", "photo.png"},
      {"--sweep --header " + dir + "/f.h", "--header"},
      {"--header " + dir + "/f.h --header-name 9x", "identifier"},
  };
  for (const auto& [arguments, expected] : cases) {
    const test::CommandResult r = runCli("filter --steps 1 " + arguments + " --out '" + out + "'");
    EXPECT_NE(r.exitCode, 0) << arguments;
    EXPECT_EQ(lineCount(r.errors), 1) << arguments << ": " << r.errors;
    EXPECT_NE(r.errors.find(expected), std::string::npos) << arguments << ": " << r.errors;
    EXPECT_FALSE(fileExists(out)) << arguments;
  }
  // Unwritable or missing destinations are refused before any work.
  for (const std::string& arguments :
       {std::string("--out /nonexistent/dir/out.json"), "--out '" + out + "' --sheet /nonexistent/dir/s.png"}) {
    const test::CommandResult r = runCli("filter --diameter 8 --rank 2 --steps 1 " + arguments);
    EXPECT_NE(r.exitCode, 0) << arguments;
    EXPECT_EQ(lineCount(r.errors), 1) << arguments << ": " << r.errors;
    EXPECT_FALSE(fileExists(out)) << arguments;
  }
  const test::CommandResult r = runCli("filter --steps 1 --diameter 8");
  EXPECT_NE(r.exitCode, 0);
  EXPECT_NE(r.errors.find("--out"), std::string::npos) << r.errors;
}

TEST(filterCli, RunWritesReportSheetAndHeader) {
  const std::string dir = test::makeTempDir();
  const std::string out = dir + "/f.json", sheet = dir + "/f.png", header = dir + "/f.h";
  const test::CommandResult r = runCli(
      "filter --diameter 16 --rank 3 --steps 400 --w-nonneg 1.5 --w-zeros 0.8 --validate --out '" + out +
      "' --sheet '" + sheet + "' --header '" + header + "' --header-name bokeh16");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json j = readJson(out);
  EXPECT_EQ(j["settings"]["rank"], 3);
  EXPECT_EQ(j["settings"]["kernel"]["diameter"], 16);
  ASSERT_EQ(j["filters"].size(), 3u);
  EXPECT_EQ(j["filters"][0]["horizontal"].size(), 16u);
  EXPECT_EQ(j["filters"][0]["vertical"].size(), 16u);
  // The exported taps have unit DC gain: sum_r (sum a_r)(sum b_r) = 1 up to the optimization's drift.
  double dc = 0;
  for (const auto& pair : j["filters"]) {
    double sa = 0, sb = 0;
    for (double v : pair["vertical"]) sa += v;
    for (double v : pair["horizontal"]) sb += v;
    dc += sa * sb;
  }
  EXPECT_NEAR(dc, 1.0, 0.1);
  const auto& loss = j["loss"];
  EXPECT_LT(loss["optimized"]["total"].get<double>(), loss["svd"]["total"].get<double>());
  EXPECT_LT(loss["optimized"]["nonneg"].get<double>(), loss["svd"]["nonneg"].get<double>());
  EXPECT_LT(loss["optimized"]["zeros"].get<double>(), loss["svd"]["zeros"].get<double>());
  EXPECT_NEAR(loss["optimized"]["total"].get<double>(), loss["optimized_cpu_check"]["total"].get<double>(),
              1e-4 * loss["optimized"]["total"].get<double>());
  EXPECT_GT(j["blur_error"]["svd"]["rmse"].get<double>(), 0.0);
  EXPECT_GT(j["blur_error"]["optimized"]["rmse"].get<double>(), 0.0);
  EXPECT_EQ(j["singular_values"].size(), 16u);

  PngImage png;
  std::string error;
  ASSERT_TRUE(readPng(sheet, &png, &error)) << error;
  EXPECT_EQ(png.channels, 3u);
  EXPECT_GT(png.width, 300u);

  std::ifstream h(header);
  const std::string text((std::istreambuf_iterator<char>(h)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("#define BOKEH16_RANK 3"), std::string::npos);
  EXPECT_NE(text.find("static const float bokeh16_horizontal[3][16]"), std::string::npos);
  EXPECT_NE(text.find("static const float bokeh16_vertical[3][16]"), std::string::npos);
  // The header compiles as C.
  const test::CommandResult cc = test::runShell("printf '#include \"" + header +
                                                "\"\\nfloat f(void){return bokeh16_vertical[2][15];}\\n' | "
                                                "cc -x c -c -o /dev/null -");
  EXPECT_EQ(cc.exitCode, 0) << cc.errors;
}

TEST(filterCli, SweepRunsTheArticleGrid) {
  const std::string dir = test::makeTempDir();
  const std::string out = dir + "/s.json", sheet = dir + "/s.png", image = dir + "/i.png";
  // A small picture keeps the ten blurs quick: a gray ramp with one bright point.
  PngImage picture;
  picture.width = 64;
  picture.height = 48;
  picture.channels = 1;
  for (uint32_t y = 0; y < 48; ++y)
    for (uint32_t x = 0; x < 64; ++x) picture.samples.push_back(uint16_t(x == 30 && y == 20 ? 255 : 2 * x));
  std::string error;
  ASSERT_TRUE(writePng(image, picture, &error)) << error;
  const test::CommandResult r = runCli("filter --sweep --diameter 12 --rank 2 --steps 200 --validate --out '" + out +
                                       "' --sheet '" + sheet + "' --image '" + image + "'");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json j = readJson(out);
  ASSERT_EQ(j["runs"].size(), 9u);
  const float nn[3] = {0, 0.5f, 1.5f}, z[3] = {0, 0.3f, 0.8f};
  for (int i = 0; i < 9; ++i) {
    const auto& run = j["runs"][i];
    EXPECT_FLOAT_EQ(run["weights"]["nonneg"].get<float>(), nn[i / 3]);
    EXPECT_FLOAT_EQ(run["weights"]["zeros"].get<float>(), z[i % 3]);
    EXPECT_LE(run["loss"]["optimized"]["total"].get<double>(), run["loss"]["svd"]["total"].get<double>() * 1.0001);
  }
  PngImage png;
  ASSERT_TRUE(readPng(sheet, &png, &error)) << error;
  EXPECT_EQ(png.channels, 3u);
}

// A user kernel from a PNG: a 9x5 bar with a hole (the hole is "outside" for the zeros term).
TEST(filterCli, PngKernel) {
  const std::string dir = test::makeTempDir();
  PngImage k;
  k.width = 9;
  k.height = 5;
  k.channels = 1;
  k.samples.assign(45, 200);
  k.samples[22] = 0;
  PngImage picture;
  picture.width = 40;
  picture.height = 30;
  picture.channels = 3;
  for (uint32_t i = 0; i < 40 * 30 * 3; ++i) picture.samples.push_back(uint16_t((i * 37) % 256));
  std::string error;
  ASSERT_TRUE(writePng(dir + "/k.png", k, &error)) << error;
  ASSERT_TRUE(writePng(dir + "/p.png", picture, &error)) << error;
  const test::CommandResult r = runCli("filter --kernel '" + dir + "/k.png' --rank 2 --steps 100 --validate --image '" +
                                       dir + "/p.png' --out '" + dir + "/k.json'");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json j = readJson(dir + "/k.json");
  EXPECT_EQ(j["settings"]["kernel"]["type"], "png");
  EXPECT_EQ(j["filters"][0]["horizontal"].size(), 9u);
  EXPECT_EQ(j["filters"][0]["vertical"].size(), 5u);
  EXPECT_GT(j["loss"]["svd"]["zeros"].get<double>(), 0.0);
  // Rank 6 exceeds the 9x5 kernel's short side.
  const test::CommandResult bad = runCli("filter --kernel '" + dir + "/k.png' --rank 6 --out '" + dir + "/b.json'");
  EXPECT_NE(bad.exitCode, 0);
  EXPECT_NE(bad.errors.find("exceeds"), std::string::npos) << bad.errors;
  EXPECT_FALSE(fileExists(dir + "/b.json"));
}

// The article's setting on a Kodak photo (D = 50 would make the exact blur slow on lavapipe: D = 16 here).
TEST(filterCli, KodakImage) {
  const std::string kodak = test::sharedDataDir() + "/data/kodak/kodim07.png";
  if (!fileExists(kodak)) GTEST_SKIP() << kodak << " is not available";
  const std::string dir = test::makeTempDir();
  const test::CommandResult r = runCli(
      "filter --diameter 16 --rank 3 --steps 300 --w-nonneg 1.5 --w-zeros 0.8 "
      "--validate --image '" +
      kodak + "' --out '" + dir + "/k.json' --sheet '" + dir + "/k.png'");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json j = readJson(dir + "/k.json");
  EXPECT_EQ(j["settings"]["image"], kodak);
  // The penalties remove ringing and corners: the optimized blur is closer to the exact one than the SVD's.
  EXPECT_LT(j["blur_error"]["optimized"]["rmse"].get<double>(), j["blur_error"]["svd"]["rmse"].get<double>());
  PngImage png;
  std::string error;
  ASSERT_TRUE(readPng(dir + "/k.png", &png, &error)) << error;
  EXPECT_GT(png.width, 384u);
}

}  // namespace
}  // namespace specdither

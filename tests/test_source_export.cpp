// The .h and .glsl exports are source code, so the check is a compiler: a small C++ program that includes the
// exported header is built with the system's c++ and prints its table, which must equal the mask's ranks
// (or levels, or floats); a small compute shader that includes the GLSL snippet must compile with glslc and
// pass spirv-val, and the values it holds are read back from the SPIR-V's constants.
#include "gpu_test.h"
#include "test_files.h"
#include "specdither/mask_io.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <sstream>

using namespace specdither;

using specdither::test::randomPermutationMask;

namespace {

void writeText(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

std::string quoted(const std::string& s) { return "'" + s + "'"; }

bool haveTool(const char* tool) { return test::runShell(std::string("command -v ") + tool).exitCode == 0; }

// Compiles and runs a program that prints WIDTH, HEIGHT, LEVELS (0 for float tables) and every entry.
test::CommandResult runPrinter(const std::string& dir, const std::string& header, const std::string& name, bool floats,
                               const char* compiler) {
  std::string upper = name;
  for (char& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
  const bool c = std::string(compiler) == "cc";
  std::ostringstream src;
  src << "#include \"" << header << "\"\n#include <stdio.h>\n"
      << "int main(void) {\n"
      << "  printf(\"%d %d %d\\n\", " << upper << "_WIDTH, " << upper << "_HEIGHT, "
      << (floats ? "0" : upper + "_LEVELS") << ");\n"
      << "  for (int i = 0; i < " << upper << "_WIDTH * " << upper << "_HEIGHT; ++i) printf("
      << (floats ? "\"%.9g\\n\", (double)" : "\"%u\\n\", (unsigned)") << name << "[i]);\n"
      << "  return (int)(sizeof(" << name << ") / sizeof(" << name << "[0])) == " << upper << "_WIDTH * " << upper
      << "_HEIGHT ? 0 : 3;\n}\n";
  const std::string source = dir + (c ? "/printer.c" : "/printer.cpp");
  writeText(source, src.str());
  const std::string exe = dir + "/printer";
  test::CommandResult build = test::runShell(std::string(compiler) + " -Wall -Wextra -Werror " +
                                             (c ? "-std=c99 " : "-std=c++17 ") + quoted(source) + " -I" + quoted(dir) +
                                             " -o " + quoted(exe));
  if (build.exitCode != 0) return build;
  return test::runShell(quoted(exe));
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST(SourceExport, HeaderCompilesAsCppAndCAndHoldsTheRanks) {
  if (!haveTool("c++")) GTEST_SKIP() << "no c++ compiler on PATH";
  const std::string dir = test::makeTempDir();
  for (const auto& [w, h] : {std::pair<uint32_t, uint32_t>{16, 12}, {64, 64}, {3, 5}}) {
    const Mask mask = randomPermutationMask(w, h, w * 100 + h);
    MaskExportOptions options;
    options.name = "blue_noise";
    std::string error;
    ASSERT_TRUE(writeMask(mask, dir + "/blue_noise.h", options, &error)) << error;
    for (const char* compiler : {"c++", "cc"}) {
      if (!haveTool(compiler)) continue;
      const test::CommandResult run = runPrinter(dir, "blue_noise.h", "blue_noise", false, compiler);
      ASSERT_EQ(run.exitCode, 0) << compiler << ": " << run.errors << run.output;
      const std::vector<std::string> out = lines(run.output);
      ASSERT_EQ(out.size(), mask.pixelCount() + 1);
      EXPECT_EQ(out[0], std::to_string(w) + " " + std::to_string(h) + " " + std::to_string(w * h));
      const std::vector<uint32_t> ranks = ranksOf(mask);
      for (size_t i = 0; i < ranks.size(); ++i) ASSERT_EQ(out[i + 1], std::to_string(ranks[i])) << i;
    }
  }
}

TEST(SourceExport, HeaderWithLevelsOrFloats) {
  if (!haveTool("c++")) GTEST_SKIP() << "no c++ compiler on PATH";
  const std::string dir = test::makeTempDir();
  const Mask mask = randomPermutationMask(32, 32, 3);
  std::string error;
  MaskExportOptions eight;
  eight.name = "m8";
  eight.bits = 8;
  std::string warning;
  eight.warning = &warning;
  ASSERT_TRUE(writeMask(mask, dir + "/m8.h", eight, &error)) << error;
  EXPECT_FALSE(warning.empty()) << "1024 ranks in 256 levels";
  test::CommandResult run = runPrinter(dir, "m8.h", "m8", false, "c++");
  ASSERT_EQ(run.exitCode, 0) << run.errors;
  std::vector<std::string> out = lines(run.output);
  ASSERT_EQ(out.size(), mask.pixelCount() + 1);
  EXPECT_EQ(out[0], "32 32 256");
  const std::vector<uint32_t> ranks = ranksOf(mask);
  for (size_t i = 0; i < ranks.size(); ++i) ASSERT_EQ(out[i + 1], std::to_string(ranks[i] * 256 / 1024)) << i;

  MaskExportOptions floats;
  floats.name = "mf";
  floats.format = "r32f";
  ASSERT_TRUE(writeMask(mask, dir + "/mf.h", floats, &error)) << error;
  run = runPrinter(dir, "mf.h", "mf", true, "c++");
  ASSERT_EQ(run.exitCode, 0) << run.errors;
  out = lines(run.output);
  ASSERT_EQ(out.size(), mask.pixelCount() + 1);
  for (size_t i = 0; i < mask.pixelCount(); ++i) ASSERT_EQ(std::stof(out[i + 1]), mask.values[i]) << i;
}

TEST(SourceExport, GlslSnippetCompilesInAComputeShader) {
  if (!haveTool("glslc")) GTEST_SKIP() << "glslc not on PATH";
  const std::string dir = test::makeTempDir();
  for (const char* format : {"", "r16", "r32f"})
    for (const auto& [w, h] : {std::pair<uint32_t, uint32_t>{64, 64}, {10, 7}}) {
      const Mask mask = randomPermutationMask(w, h, w + h);
      MaskExportOptions options;
      options.name = "dither_mask";
      options.format = format;
      std::string warning, error;
      options.warning = &warning;
      ASSERT_TRUE(writeMask(mask, dir + "/dither_mask.glsl", options, &error)) << error;
      const bool floats = std::string(format) == "r32f";
      // Uses every constant and indexes the table dynamically, so none of it can be optimized away unchecked.
      std::ostringstream shader;
      shader << "#version 450\n#extension GL_GOOGLE_include_directive : require\n"
             << "#include \"dither_mask.glsl\"\n"
             << "#include \"dither_mask.glsl\"  // twice: the include guard must hold\n"
             << "layout(local_size_x = 8, local_size_y = 8) in;\n"
             << "layout(std430, binding = 0) buffer Out { float result[]; };\n"
             << "void main() {\n"
             << "  uvec2 p = gl_GlobalInvocationID.xy;\n"
             << "  uint i = (p.y % DITHER_MASK_HEIGHT) * DITHER_MASK_WIDTH + p.x % DITHER_MASK_WIDTH;\n"
             << (floats ? "  result[i] = dither_mask[i];\n"
                        : "  result[i] = (float(dither_mask[i]) + 0.5) / float(DITHER_MASK_LEVELS);\n")
             << "}\n";
      writeText(dir + "/use.comp", shader.str());
      const test::CommandResult compile = test::runShell("glslc --target-env=vulkan1.2 -I " + quoted(dir) + " " +
                                                         quoted(dir + "/use.comp") + " -o " + quoted(dir + "/use.spv"));
      ASSERT_EQ(compile.exitCode, 0) << format << " " << w << "x" << h << ":\n" << compile.errors;
      if (haveTool("spirv-val")) {
        const test::CommandResult valid = test::runShell("spirv-val --target-env vulkan1.2 " +
                                                         quoted(dir + "/use.spv"));
        EXPECT_EQ(valid.exitCode, 0) << valid.errors;
      }
    }
}

TEST(SourceExport, GlslTableHoldsTheRanks) {
  // glslc folds the constant array into OpConstantComposite; spirv-dis shows its members in order, so the
  // table's contents can be compared with the ranks without a GPU.
  if (!haveTool("glslc") || !haveTool("spirv-dis")) GTEST_SKIP() << "glslc or spirv-dis not on PATH";
  const std::string dir = test::makeTempDir();
  const Mask mask = randomPermutationMask(12, 9, 77);
  MaskExportOptions options;
  options.name = "tbl";
  std::string error;
  ASSERT_TRUE(writeMask(mask, dir + "/tbl.glsl", options, &error)) << error;
  writeText(dir + "/use.comp",
            "#version 450\n#extension GL_GOOGLE_include_directive : require\n#include \"tbl.glsl\"\n"
            "layout(local_size_x = 1) in;\nlayout(std430, binding = 0) buffer Out { uint result[]; };\n"
            "void main() { uint i = gl_GlobalInvocationID.x; result[i] = tbl[i % (TBL_WIDTH * TBL_HEIGHT)]; }\n");
  const test::CommandResult compile = test::runShell("glslc -O0 -I " + quoted(dir) + " " + quoted(dir + "/use.comp") +
                                                     " -o " + quoted(dir + "/use.spv"));
  ASSERT_EQ(compile.exitCode, 0) << compile.errors;
  const test::CommandResult dis = test::runShell("spirv-dis --raw-id " + quoted(dir + "/use.spv"));
  ASSERT_EQ(dis.exitCode, 0) << dis.errors;
  // Map %id -> unsigned constant, then find the 108-member composite.
  std::map<std::string, std::string> constants;
  std::vector<std::string> composite;
  for (const std::string& line : lines(dis.output)) {
    std::istringstream in(line);
    std::string id, eq, op, type;
    in >> id >> eq >> op >> type;
    if (op == "OpConstant") {
      std::string value;
      in >> value;
      constants[id] = value;
    } else if (op == "OpConstantComposite") {
      std::vector<std::string> members;
      for (std::string m; in >> m;) members.push_back(m);
      if (members.size() == mask.pixelCount()) composite = members;
    }
  }
  ASSERT_EQ(composite.size(), mask.pixelCount()) << dis.output.substr(0, 2000);
  const std::vector<uint32_t> ranks = ranksOf(mask);
  for (size_t i = 0; i < ranks.size(); ++i) ASSERT_EQ(constants[composite[i]], std::to_string(ranks[i])) << i;
}

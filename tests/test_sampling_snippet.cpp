// The GLSL sampling snippets (sampling_snippet.h, docs/method.md §8.6): for a 2D mask, a stack in a KTX2 array, a
// stack as an atlas PNG, a stack as one PNG per slice and a colour mask, the snippet states the mask's constants and
// compiles with glslc inside a compute shader that samples the texture the file becomes.
#include "gpu_test.h"
#include "test_files.h"

#include <fstream>

using namespace specdither;
using test::runCli;

TEST(SamplingSnippet, EveryTextureKindGetsASnippetThatCompiles) {
  const std::string dir = test::makeTempDir();
  struct Case {
    std::string shape, out, sampler, swizzle, mustSay;
  };
  for (const Case& c : std::vector<Case>{
           {"--size 16", "m.ktx2", "sampler2D", ".x", "SPECDITHER_LEVELS = 256.0"},
           {"--size 16 --slices 4", "s.ktx2", "sampler2DArray", ".x", "SPECDITHER_SLICES = 4"},
           {"--size 16 --slices 4", "a.png", "sampler2D", ".x", "(frame % SPECDITHER_SLICES) * SPECDITHER_SIZE.y"},
           {"--size 16 --slices 4", "p_%02d.png", "sampler2DArray", ".x", "as the layers of a 2D array texture"},
           {"--size 16 --channels 4", "c.png", "sampler2D", "", "vec4 specditherThreshold"},
           {"--size 32 --bits 16", "f.ktx2", "sampler2D", ".x", "SPECDITHER_LEVELS = 65536.0"},
       }) {
    SCOPED_TRACE(c.out);
    const std::string snippet = dir + "/snippet.glsl";
    const test::CommandResult r = runCli("generate --method white " + c.shape + " --out '" + dir + "/" + c.out +
                                         "' --snippet " + snippet);
    ASSERT_EQ(r.exitCode, 0) << r.errors;
    const std::string text = test::slurpText(snippet);
    EXPECT_NE(text.find("const ivec2 SPECDITHER_SIZE = ivec2(" +
                        std::string(c.shape.find("32") != std::string::npos ? "32, 32" : "16, 16")),
              std::string::npos)
        << text;
    EXPECT_NE(text.find(c.mustSay), std::string::npos) << text;
    std::ofstream shader(dir + "/check.comp");
    shader << "#version 450\nlayout(local_size_x = 1) in;\n"
           << text << "layout(binding = 0) uniform " << c.sampler << " mask;\n"
           << "layout(std430, binding = 1) buffer Out { vec4 o[]; };\n"
           << "void main() { o[0]" << c.swizzle
           << " = specditherThreshold(mask, ivec2(gl_GlobalInvocationID.xy), int(gl_GlobalInvocationID.z)); }\n";
    shader.close();
    const test::CommandResult compiled = test::runShell(std::string(SPECDITHER_GLSLC) + " --target-env=vulkan1.2 -o " +
                                                        dir + "/check.spv " + dir + "/check.comp");
    EXPECT_EQ(compiled.exitCode, 0) << compiled.output << compiled.errors << text;
  }
  // Refused before any work: a snippet for a file that is no texture, a snippet that is no .glsl.
  for (const std::string& bad : {"--out " + dir + "/x.npy --snippet " + dir + "/s.glsl",
                                 "--out " + dir + "/x.png --snippet " + dir + "/s.txt"}) {
    const test::CommandResult r = runCli("generate --size 16 " + bad);
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.errors.find("--snippet"), std::string::npos) << r.errors;
  }
}

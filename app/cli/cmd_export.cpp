// `specdither export IN OUT`: converts a saved mask (.png, .ktx2, .npy) to the format of OUT's extension
// (.png, .ktx2, .npy, .h, .glsl). All the work is the core's readMask / writeMask; this only maps options.
#include "command.h"
#include "device_options.h"
#include "specdither/ktx2_format.h"
#include "specdither/mask_io.h"
#include "specdither/sampling_snippet.h"

#include <cctype>
#include <cstdio>
#include <memory>

namespace specdither::cli {

namespace {

struct ExportOptions {
  std::string input;
  std::string output;
  std::string format;
  int bits = 0;
  std::string name = "specdither_mask";
  std::string snippet;  // a GLSL sampling snippet beside the output (sampling_snippet.h)
};

bool isKtx2(const std::string& path) {
  if (path.size() < 5) return false;
  std::string ext = path.substr(path.size() - 5);
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".ktx2";
}

int runExport(const ExportOptions& o) {
  MaskExportOptions options;
  options.format = o.format;
  options.bits = o.bits;
  options.name = o.name;
  // The output's own checks before reading a (possibly large) input.
  std::string error = checkMaskOutputPath(o.output, options);
  if (error.empty() && !o.snippet.empty()) error = checkSamplingSnippet(o.output, o.snippet);
  if (!error.empty()) return fail(error);
  Mask mask;
  if (!readMask(o.input, &mask, &error)) return fail(error);
  // A KTX2 input says how it was made (specdither.* key/values): a conversion keeps saying it.
  Ktx2Texture texture;
  if (isKtx2(o.input) && readKtx2(o.input, &texture, &error)) {
    const std::string prefix = "specdither.";
    for (const auto& [key, value] : texture.keyValues)
      if (key.compare(0, prefix.size(), prefix) == 0 && key.size() > prefix.size() &&
          value.find('\0') == std::string::npos)
        options.metadata[key.substr(prefix.size())] = value;
  }
  // A lossy --bits or --format is what the user asked for: said once, with the result (as `generate` does).
  std::string note;
  options.warning = &note;
  if (!writeMask(mask, o.output, options, &error)) return fail(error);
  if (!o.snippet.empty() && !writeSamplingSnippet(mask, o.output, options, o.snippet, &error)) return fail(error);
  std::printf("wrote %s (%s)%s\n", o.output.c_str(), toString(mask.shape).c_str(),
              note.empty() ? "" : ("; " + note).c_str());
  return 0;
}

}  // namespace

static CommandRegistration registration("export", [](CLI::App& app) {
  auto options = std::make_shared<ExportOptions>();
  ExportOptions& o = *options;
  CLI::App* cmd = app.add_subcommand("export", "Convert a mask (.png, .ktx2, .npy) to the format of OUT's extension");
  cmd->add_option("IN", o.input, "Mask to read (.png, .ktx2, .npy)")->required();
  cmd->add_option("OUT", o.output, "File to write (.png, .ktx2, .npy, .h, .glsl)")->required();
  cmd->add_option("--format", o.format,
                  "Storage: r8, r16 or r32f (default: the smallest that keeps the mask exact; .npy: r32f; "
                  ".h/.glsl: integer ranks)")
      ->check(CLI::IsMember({"r8", "r16", "r32f"}));
  cmd->add_option("--bits", o.bits, "Bits per value of integer storage (8 or 16); a lossy choice warns")
      ->check(CLI::IsMember({8, 16}));
  cmd->add_option("--name", o.name, "Array name in .h / .glsl output (a C and GLSL identifier)");
  cmd->add_option("--snippet", o.snippet,
                  "Also write FILE.glsl: the GLSL that samples OUT (.png / .ktx2) by texelFetch, slice frame % T");
  refuseDeviceOptions(cmd);
  return std::function<int()>([options] { return runExport(*options); });
});

}  // namespace specdither::cli

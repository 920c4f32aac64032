// `specdither export IN OUT`: converts a saved mask (.png, .ktx2, .npy) to the format of OUT's extension
// (.png, .ktx2, .npy, .h, .glsl). All the work is the core's readMask / writeMask, or readVectorMask /
// writeVectorMask for a vector mask; this only maps options.
#include "command.h"
#include "device_options.h"
#include "specdither/ktx2_format.h"
#include "specdither/mask_io.h"
#include "specdither/sampling_snippet.h"
#include "specdither/vector_mask_io.h"

#include <cctype>
#include <cstdio>
#include <map>
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
  std::string values;   // a vector mask's kind (vector_mask_io.h); "" = what a KTX2 input declares, else thresholds
};

bool isKtx2(const std::string& path) {
  if (path.size() < 5) return false;
  std::string ext = path.substr(path.size() - 5);
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".ktx2";
}

// A KTX2 input says how it was made (specdither.* key/values): a conversion keeps saying it.
std::map<std::string, std::string> madeWith(const Ktx2Texture& texture) {
  std::map<std::string, std::string> metadata;
  const std::string prefix = "specdither.";
  for (const auto& [key, value] : texture.keyValues)
    if (key.compare(0, prefix.size(), prefix) == 0 && key.size() > prefix.size() &&
        value.find('\0') == std::string::npos)
      metadata[key.substr(prefix.size())] = value;
  return metadata;
}

// A vector mask converts through the vector readers and writers (docs/method.md §10.4): its channels are a
// sample's components in their own encoding, which the threshold writers would clamp to [0, 1] and mislabel.
int runVectorExport(const ExportOptions& o, const std::string& kind,
                    const std::map<std::string, std::string>& metadata) {
  VectorDomain domain;
  if (!parseVectorDomain(kind, &domain))
    return fail("unknown --values '" + kind + "': give vec2, circle, sphere or hemisphere-cosine");
  if (!o.snippet.empty()) return fail("--snippet does not apply to vector masks (they are read as stored)");
  int bits = o.bits;
  if (!o.format.empty()) {
    const int formatBits = o.format == "r8" ? 8 : o.format == "r16" ? 16 : 32;
    if (o.bits != 0 && o.bits != formatBits)
      return fail("--format " + o.format + " and --bits " + std::to_string(o.bits) + " disagree");
    bits = formatBits;
  }
  Mask mask;
  std::string error;
  if (!readVectorMask(o.input, domain, &mask, &error)) return fail(error);
  error = checkVectorMaskOutput(o.output, bits, mask.shape);
  if (!error.empty()) return fail(error);
  if (!writeVectorMask(mask, domain, o.output, bits, metadata, &error)) return fail(error);
  std::printf("wrote %s (%s values, %s)\n", o.output.c_str(), vectorDomainName(domain), toString(mask.shape).c_str());
  return 0;
}

int runExport(const ExportOptions& o) {
  // A KTX2 input's key/values, read once: the kind of a vector mask, and how the mask was made.
  Ktx2Texture texture;
  std::string ktx2Error;
  const bool ktx2 = isKtx2(o.input) && readKtx2(o.input, &texture, &ktx2Error);
  const std::string declared = ktx2 ? declaredVectorValues(texture) : "";
  const std::map<std::string, std::string> metadata = ktx2 ? madeWith(texture) : std::map<std::string, std::string>();
  if (!declared.empty() && !o.values.empty() && declared != o.values)
    return fail(o.input + " holds " + declared + " values (its specdither.values key), not " + o.values);
  if (!o.values.empty() || !declared.empty())
    return runVectorExport(o, o.values.empty() ? declared : o.values, metadata);
  MaskExportOptions options;
  options.format = o.format;
  options.bits = o.bits;
  options.name = o.name;
  // The output's own checks before the input is read as a mask.
  std::string error = checkMaskOutputPath(o.output, options);
  if (error.empty() && !o.snippet.empty()) error = checkSamplingSnippet(o.output, o.snippet);
  if (!error.empty()) return fail(error);
  Mask mask;
  if (!readMask(o.input, &mask, &error)) return fail(error);
  options.metadata = metadata;
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
  cmd->add_option("--values", o.values,
                  "IN is a vector mask of this kind (vec2, circle, sphere, hemisphere-cosine; docs/method.md §10.4), "
                  "converted with its encoding; a KTX2 of this tool declares it")
      ->check(CLI::IsMember({"vec2", "circle", "sphere", "hemisphere-cosine"}));
  cmd->add_option("--snippet", o.snippet,
                  "Also write FILE.glsl: the GLSL that samples OUT (.png / .ktx2) by texelFetch, slice frame % T");
  refuseDeviceOptions(cmd);
  return std::function<int()>([options] { return runExport(*options); });
});

}  // namespace specdither::cli

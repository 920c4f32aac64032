#include "specdither/sampling_snippet.h"

#include "mask/file_extension.h"
#include "mask/mask_storage.h"
#include "mask/slice_files.h"
#include "specdither/atomic_file.h"

#include <filesystem>

namespace specdither {

std::string checkSamplingSnippet(const std::string& texturePath, const std::string& snippetPath) {
  const std::string ext = fileExtension(texturePath);
  if (ext != ".png" && ext != ".ktx2")
    return "--snippet samples a texture: write the mask as .png or .ktx2, not '" + texturePath + "'";
  if (fileExtension(snippetPath) != ".glsl") return "--snippet writes GLSL: name it FILE.glsl, not '" + snippetPath + "'";
  return checkFileWritable(snippetPath, "--snippet");
}

bool writeSamplingSnippet(const Mask& mask, const std::string& texturePath, const MaskExportOptions& options,
                          const std::string& snippetPath, std::string* error) {
  *error = checkSamplingSnippet(texturePath, snippetPath);
  if (!error->empty()) return false;
  const MaskShape& s = mask.shape;
  const bool png = fileExtension(texturePath) == ".png";
  const bool perSlice = isSlicePattern(texturePath);
  MaskOrder order;
  const MaskFileKind kind = png ? MaskFileKind::Png : MaskFileKind::Ktx2;
  if (storageNeedsOrder(options, kind)) order = orderOf(mask);
  StorageChoice choice;
  if (!chooseStorage(mask, &order, options, kind, &choice, error)) return false;
  const int bits = choice.storage == MaskStorage::R8 ? 8 : choice.storage == MaskStorage::R16 ? 16 : 0;
  const char* types[] = {"", "float", "vec2", "vec3", "vec4"};
  const char* swizzles[] = {"", ".r", ".rg", ".rgb", ".rgba"};
  const std::string type = types[s.channels], swizzle = swizzles[s.channels];
  const bool array = s.slices > 1 && (!png || perSlice);
  const bool atlas = s.slices > 1 && png && !perSlice;
  std::string text;
  text += "// Sampling snippet for " + std::filesystem::path(texturePath).filename().string() +
          ", written by specdither " + SPECDITHER_VERSION_STRING + ": a " + toString(s) + " mask";
  text += s.slices > 1 ? " stack (slice frame % " + std::to_string(s.slices) + " each frame).\n" : ".\n";
  if (array)
    text += perSlice ? "// Load the " + std::to_string(s.slices) +
                           " PNGs as the layers of a 2D array texture (sampler2DArray).\n"
                     : "// A 2D array texture (sampler2DArray), one layer per slice.\n";
  else if (atlas)
    text += "// One tall 2D texture (sampler2D): slice s is rows s * " + std::to_string(s.height) + " .. ";
  if (atlas) text += "(s + 1) * " + std::to_string(s.height) + " - 1.\n";
  if (!array && !atlas) text += "// A 2D texture (sampler2D).\n";
  text += "// Nearest texel (texelFetch), repeated over the screen. Dithering a value x to L levels:\n";
  text += "// floor(x * (L - 1) + threshold) / (L - 1); at 1 bit, on where x >= 1 - threshold.\n";
  text += "const ivec2 SPECDITHER_SIZE = ivec2(" + std::to_string(s.width) + ", " + std::to_string(s.height) + ");\n";
  if (s.slices > 1) text += "const int SPECDITHER_SLICES = " + std::to_string(s.slices) + ";\n";
  text += "// 2^bits of the integer texels (UNORM level / (2^bits - 1)); 0: float texels are the thresholds.\n";
  text += "const float SPECDITHER_LEVELS = " + std::string(bits ? std::to_string(1u << bits) + ".0" : "0.0") + ";\n\n";
  const std::string sampler = array ? "sampler2DArray" : "sampler2D";
  text += type + " specditherThreshold(" + sampler + " mask, ivec2 pixel, int frame) {\n";
  if (s.slices == 1)
    text += "  // frame: unused by a 2D mask (animate it with fract(t + frame * 0.618034) if you must).\n";
  text += "  ivec2 p = pixel % SPECDITHER_SIZE;\n";
  if (array)
    text += "  " + type + " t = texelFetch(mask, ivec3(p, frame % SPECDITHER_SLICES), 0)" + swizzle + ";\n";
  else if (atlas)
    text += "  " + type +
            " t = texelFetch(mask, ivec2(p.x, p.y + (frame % SPECDITHER_SLICES) * SPECDITHER_SIZE.y), 0)" + swizzle +
            ";\n";
  else
    text += "  " + type + " t = texelFetch(mask, p, 0)" + swizzle + ";\n";
  text += "  return SPECDITHER_LEVELS > 0.0 ? (t * (SPECDITHER_LEVELS - 1.0) + 0.5) / SPECDITHER_LEVELS : t;\n}\n";
  return writeFileAtomically(snippetPath, text, error);
}

}  // namespace specdither

// Links the installed libspecdither: generates the default preset's 16x16 mask in-process, writes it, reads it
// back, and builds a separable filter kernel. Usage: consumer OUT.png  (exit 0 on success, 1 with a line).
#include <specdither/context.h>
#include <specdither/filter/filter_kernel.h>
#include <specdither/generate.h>
#include <specdither/mask_io.h>

#include <cstdio>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer OUT.png\n");
    return 1;
  }
  std::string error;
  specdither::ContextOptions options;
  options.quiet = true;
  specdither::GpuContext* gpu = specdither::createContext(options, &error);
  if (!gpu) {
    std::fprintf(stderr, "consumer: %s\n", error.c_str());
    return 1;
  }
  specdither::GenerateSettings settings;
  settings.shape = {16, 16};
  specdither::GenerateResult result;
  const bool generated = specdither::generateMask(gpu, settings, {}, &result, &error);
  specdither::destroyContext(gpu);
  if (!generated || !specdither::writeMask(result.mask, argv[1], {}, &error)) {
    std::fprintf(stderr, "consumer: %s\n", error.c_str());
    return 1;
  }
  specdither::Mask back;
  if (!specdither::readMask(argv[1], &back, &error) || !specdither::isExactPermutation(back)) {
    std::fprintf(stderr, "consumer: the mask read back is not an exact permutation (%s)\n", error.c_str());
    return 1;
  }
  const specdither::FilterKernel disk = specdither::makeDiskKernel(9);
  std::printf("consumer: %s %ux%u mask, disk kernel %ux%u\n", result.method.c_str(), back.shape.width,
              back.shape.height, disk.width, disk.height);
  return 0;
}

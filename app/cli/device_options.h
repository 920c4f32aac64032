// --device / --validate, shared by every subcommand that uses the GPU, and refused by those that do not.
#pragma once

#include "specdither/context.h"

#include <CLI/CLI.hpp>

#include <string>

namespace specdither::cli {

struct DeviceOptions {
  std::string device;
  bool validate = false;
  bool quiet = false;
};

void addDeviceOptions(CLI::App* command, DeviceOptions& options);

// For the commands that run on the CPU only (analyze, compare, export): --device and --validate, hidden from
// --help, refused at parsing with a line that says why (rather than CLI11's word about unexpected arguments).
void refuseDeviceOptions(CLI::App* command);

// Opens the context (inlineCpuDispatch: ContextOptions'), or prints the one-line reason and returns nullptr.
GpuContext* openContext(const DeviceOptions& options, bool inlineCpuDispatch = false);

// Destroys the context; returns 0, or 1 with a message when validation errors were reported (--validate).
int closeContext(GpuContext* context);

}  // namespace specdither::cli

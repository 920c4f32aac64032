// What the command line asks for, checked before any window opens: the settings to start from, the photo, the
// screenshot path. Bad input fails here, fast, with one line.
#pragma once

#include "options.h"
#include "photo.h"
#include "settings.h"

#include "specdither/mask.h"

#include <string>

namespace specdither::studio {

struct StartupInput {
  StudioSettings settings;
  Photo photo;
  std::string imageFolder;  // where the photo came from (the Photo section lists its PNGs)
  Mask viewedMask;          // --open-mask: the file to show instead of the optimizer's mask (empty: none)
};

bool prepareStartup(const StudioOptions& options, StartupInput* input, std::string* error);

}  // namespace specdither::studio

// The one line a program prints for an exception that escaped everything (out of memory on a huge request, a
// bug), so that the CLI and the studio end with a message and exit 1, never with std::terminate's abort.
#pragma once

#include "specdither/api.h"

#include <string>

namespace specdither {

// Call only inside a catch block: rethrows the exception being handled and names it ("out of memory",
// "internal error: <what()>", or "internal error: unknown exception").
SPECDITHER_API std::string escapedExceptionLine();

}  // namespace specdither

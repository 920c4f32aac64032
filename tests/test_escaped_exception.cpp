// The line both programs print for an exception that escaped everything.
#include "specdither/escaped_exception.h"

#include <gtest/gtest.h>

#include <new>
#include <stdexcept>

using specdither::escapedExceptionLine;

namespace {

template <typename F>
std::string lineFor(F&& thrower) {
  try {
    thrower();
  } catch (...) {
    return escapedExceptionLine();
  }
  return "nothing was thrown";
}

}  // namespace

TEST(EscapedException, NamesWhatEscaped) {
  EXPECT_EQ(lineFor([] { throw std::bad_alloc(); }), "out of memory");
  EXPECT_EQ(lineFor([] { throw std::length_error("vector::_M_default_append"); }),
            "internal error: vector::_M_default_append");
  EXPECT_EQ(lineFor([] { throw 42; }), "internal error: unknown exception");
}

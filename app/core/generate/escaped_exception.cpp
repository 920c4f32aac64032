#include "specdither/escaped_exception.h"

#include <exception>
#include <new>

namespace specdither {

std::string escapedExceptionLine() {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return "out of memory";
  } catch (const std::exception& e) {
    return std::string("internal error: ") + e.what();
  } catch (...) {
    return "internal error: unknown exception";
  }
}

}  // namespace specdither

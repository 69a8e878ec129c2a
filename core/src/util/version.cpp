#include "cnnlab/version.hpp"

namespace cnnlab {

const char* version_string() { return CNNLAB_VERSION_STRING; }

}  // namespace cnnlab

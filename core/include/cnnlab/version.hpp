#pragma once
#include "cnnlab/export.hpp"

namespace cnnlab {

// Bumped whenever a type that crosses the plugin boundary changes layout or meaning.
// A plugin built against another value is refused before its descriptor is touched.
constexpr int kPluginApiVersion = 3;

CNNLAB_API const char* version_string();

}  // namespace cnnlab

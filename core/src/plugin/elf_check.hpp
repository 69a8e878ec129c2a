#pragma once
// Checks, from its headers alone, that a file is a well-formed ELF shared object for the
// machine this cnnlab was built for. Internal to the plugin host.
#include <string>

namespace cnnlab::plugin_detail {

// "" when the file may be handed to dlopen; otherwise why not, as a short phrase
// ("truncated: segment 3 ends at byte 20480, the file has 8192"). dlopen maps segments
// without checking them against the file size: a truncated library then dies with SIGBUS on
// the first touch of a missing page, so this check must come first.
std::string elf_shared_object_problem(const std::string& file);

}  // namespace cnnlab::plugin_detail

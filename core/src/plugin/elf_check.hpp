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

// Whether the dynamic symbol table (.dynsym, which stripping keeps) of a file that passed
// elf_shared_object_problem names `symbol`. Read without loading the file: dlopen runs a
// library's constructors, and a foreign library in a plugin folder (libasan, for one) may end
// the process from there.
bool exports_dynamic_symbol(const std::string& file, const std::string& symbol);

}  // namespace cnnlab::plugin_detail

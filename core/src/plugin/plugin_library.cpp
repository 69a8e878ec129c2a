#include "plugin_library.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <boost/dll/library_info.hpp>

#include "cnnlab/error.hpp"
#include "elf_check.hpp"

namespace cnnlab::plugin_detail {

namespace {

// Boost wraps dlerror's text as "...(dlerror system message: FILE: WHY): ...". Users need
// only WHY: the file is named by the message around it.
std::string load_failure_reason(const std::string& what, const std::string& file) {
  const std::string open = "dlerror system message: ";
  std::string reason = what;
  const size_t start = what.find(open);
  const size_t end = what.rfind("): ");
  if (start != std::string::npos && end != std::string::npos && end > start)
    reason = what.substr(start + open.size(), end - start - open.size());
  if (reason.rfind(file + ": ", 0) == 0) reason.erase(0, file.size() + 2);
  return reason;
}

// Whether `file` exports the plugin entry point, read from its symbol table without loading
// it: tells a broken cnnlab plugin from a library that has nothing to do with cnnlab. Boost
// reads .symtab, so a stripped plugin that fails to load counts as "not a plugin": still
// reported (a warning when scanning), with the loader's reason.
bool declares_entry_point(const std::string& file) {
  try {
    const auto symbols = boost::dll::library_info(file).symbols("boostdll");
    return std::find(symbols.begin(), symbols.end(), plugin_abi::kApiVersionSymbol) !=
           symbols.end();
  } catch (const std::exception&) {
    return false;  // not an ELF file the reader understands: not a plugin either
  }
}

Library load(const std::string& file, std::string& not_a_plugin) {
  auto mode = boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local;
#ifdef CNNLAB_SANITIZE
  // Keeps symbol names in leak reports of objects made by a plugin.
  mode = mode | static_cast<boost::dll::load_mode::type>(RTLD_NODELETE);
#endif
  try {
    return std::make_shared<boost::dll::shared_library>(file, mode);
  } catch (const std::exception& e) {
    const std::string reason = load_failure_reason(e.what(), file);
    if (declares_entry_point(file))
      throw PluginError(file + " is a cnnlab plugin but cannot be loaded: " + reason);
    not_a_plugin = "cannot load it: " + reason;
    return nullptr;
  }
}

const PluginDescriptor& describe(const boost::dll::shared_library& library,
                                 const std::string& file) {
  try {
    return library.get_alias<plugin_abi::DescriptorFn>(plugin_abi::kDescriptorSymbol)();
  } catch (const std::exception& e) {
    throw PluginError(file + ": the plugin failed to describe itself: " + e.what());
  } catch (...) {
    throw PluginError(file + ": the plugin failed to describe itself (unknown exception)");
  }
}

}  // namespace

std::optional<OpenedPlugin> open_plugin(const std::string& file, std::string& not_a_plugin) {
  const std::string elf_problem = elf_shared_object_problem(file);
  if (!elf_problem.empty()) {
    not_a_plugin = elf_problem;
    return std::nullopt;
  }
  // Checked before dlopen, which runs the library's constructors: a foreign library in a
  // plugin folder is skipped without being loaded.
  if (!exports_dynamic_symbol(file, plugin_abi::kApiVersionSymbol)) {
    not_a_plugin = std::string("no entry point ") + plugin_abi::kApiVersionSymbol +
                   ": was it built with CNNLAB_PLUGIN?";
    return std::nullopt;
  }
  Library library = load(file, not_a_plugin);
  if (!library) return std::nullopt;
  if (!library->has(plugin_abi::kApiVersionSymbol)) {
    not_a_plugin = std::string("no entry point ") + plugin_abi::kApiVersionSymbol +
                   ": was it built with CNNLAB_PLUGIN?";
    return std::nullopt;
  }
  // The version comes first: nothing else of a plugin built for another API may be touched.
  const int api = library->get_alias<plugin_abi::ApiVersionFn>(plugin_abi::kApiVersionSymbol)();
  if (api != kPluginApiVersion)
    throw PluginError(file + " was built for plugin API version " + std::to_string(api) +
                      ", this cnnlab provides version " + std::to_string(kPluginApiVersion) +
                      ": rebuild the plugin against this cnnlab");
  if (!library->has(plugin_abi::kDescriptorSymbol))
    throw PluginError(file + " exports " + plugin_abi::kApiVersionSymbol + " but not " +
                      plugin_abi::kDescriptorSymbol + ": declare the plugin with CNNLAB_PLUGIN");

  const PluginDescriptor& descriptor = describe(*library, file);
  if (descriptor.api_version != kPluginApiVersion)
    throw PluginError(file + " describes itself with plugin API version " +
                      std::to_string(descriptor.api_version) + ", this cnnlab provides version " +
                      std::to_string(kPluginApiVersion));
  return OpenedPlugin{std::move(library), &descriptor};
}

}  // namespace cnnlab::plugin_detail

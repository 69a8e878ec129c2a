#pragma once
// Opening one plugin file and checking that it is a cnnlab plugin of this API version.
// Internal to the plugin host.
#include <boost/dll/shared_library.hpp>
#include <memory>
#include <optional>
#include <string>

#include "cnnlab/plugin.hpp"

namespace cnnlab::plugin_detail {

using Library = std::shared_ptr<boost::dll::shared_library>;

struct OpenedPlugin {
  Library library;
  // Lives inside `library`: valid while it stays loaded.
  const PluginDescriptor* descriptor = nullptr;
};

// Loads `file` and reads its descriptor. Returns nothing, with the reason in `not_a_plugin`,
// when the file is not a cnnlab plugin at all (not a well-formed ELF shared object of this
// machine, which is never handed to dlopen; not a loadable library; or no entry point):
// the caller decides whether that is worth a warning or an error. Throws PluginError when the
// file is a cnnlab plugin that cannot be used: another API version, a missing symbol, a
// descriptor that throws.
std::optional<OpenedPlugin> open_plugin(const std::string& file, std::string& not_a_plugin);

}  // namespace cnnlab::plugin_detail

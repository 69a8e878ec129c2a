#include "cnnlab/plugin_host.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <boost/filesystem.hpp>

#include "cnnlab/error.hpp"
#include "cnnlab/plugin.hpp"

namespace cnnlab {

namespace fs = boost::filesystem;
using Library = std::shared_ptr<boost::dll::shared_library>;

namespace {

// A registered type: the factory and the library that must outlive what it makes.
template <typename Factory>
struct Registered {
  Factory make;
  Library library;
  std::string file;
};

std::string join(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

template <typename Factory>
std::vector<std::string> names_of(const std::map<std::string, Registered<Factory>>& table) {
  std::vector<std::string> names;
  for (const auto& entry : table) names.push_back(entry.first);
  return names;
}

// Keeps `library` loaded for as long as the object lives.
template <typename T>
std::shared_ptr<T> holding(std::unique_ptr<T> object, Library library) {
  return std::shared_ptr<T>(object.release(), [library](T* p) { delete p; });
}

bool looks_like_library(const fs::path& p) {
  return p.extension() == ".so" || p.filename().string().find(".so.") != std::string::npos;
}

}  // namespace

struct PluginHost::Impl {
  std::vector<PluginInfo> plugins;
  std::vector<std::string> warnings;
  std::set<std::string> loaded_files;
  std::map<std::string, Registered<LayerFactory>> layers;
  std::map<std::string, Registered<OptimizerFactory>> optimizers;
  std::map<std::string, Registered<DatasetFactory>> datasets;

  void scan_dir(const fs::path& dir, bool explicit_dir);
  // Loads one file. Returns false (after a warning) when `lenient` and the file is not a
  // cnnlab plugin; every other problem throws.
  bool load_file(const fs::path& file, bool lenient);

  template <typename Factory, typename Entries>
  void add_types(const char* kind, const Entries& entries,
                 std::map<std::string, Registered<Factory>>& table, const Library& library,
                 const std::string& file, std::vector<std::string>& listed) {
    for (const auto& entry : entries) {
      auto existing = table.find(entry.name);
      if (existing != table.end())
        throw PluginError(std::string(kind) + " type '" + entry.name + "' is provided by both " +
                          existing->second.file + " and " + file);
      table.emplace(entry.name, Registered<Factory>{entry.make, library, file});
      listed.push_back(entry.name);
    }
  }
};

void PluginHost::Impl::scan_dir(const fs::path& dir, bool explicit_dir) {
  boost::system::error_code ec;
  if (!fs::exists(dir, ec)) {
    if (explicit_dir) throw PluginError("plugin directory " + dir.string() + " does not exist");
    return;
  }
  if (fs::is_regular_file(dir, ec)) {
    load_file(dir, !explicit_dir);
    return;
  }
  if (!fs::is_directory(dir, ec))
    throw PluginError(dir.string() + " is neither a plugin directory nor a plugin file");
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (fs::is_regular_file(it->path()) && looks_like_library(it->path()))
      files.push_back(it->path());
  if (ec) throw PluginError("cannot read plugin directory " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) load_file(f, true);
}

bool PluginHost::Impl::load_file(const fs::path& path, bool lenient) {
  boost::system::error_code ec;
  const fs::path canonical = fs::canonical(path, ec);
  const std::string file = ec ? path.string() : canonical.string();
  if (!loaded_files.insert(file).second) return true;

  auto not_a_plugin = [&](const std::string& why) {
    const std::string message = file + " is not a cnnlab plugin (" + why + ")";
    if (!lenient) throw PluginError(message);
    warnings.push_back("skipping " + message);
    return false;
  };

  Library library;
  try {
    auto mode = boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local;
#ifdef CNNLAB_SANITIZE
    // Keeps symbol names in leak reports of objects made by a plugin.
    mode = mode | static_cast<boost::dll::load_mode::type>(RTLD_NODELETE);
#endif
    library = std::make_shared<boost::dll::shared_library>(path, mode);
  } catch (const std::exception& e) {
    return not_a_plugin(std::string("cannot load it: ") + e.what());
  }
  if (!library->has(plugin_abi::kApiVersionSymbol))
    return not_a_plugin(std::string("no entry point ") + plugin_abi::kApiVersionSymbol);

  const int api = library->get_alias<plugin_abi::ApiVersionFn>(plugin_abi::kApiVersionSymbol)();
  if (api != kPluginApiVersion)
    throw PluginError(file + " was built for plugin API version " + std::to_string(api) +
                      ", this cnnlab provides version " + std::to_string(kPluginApiVersion) +
                      ": rebuild the plugin against this cnnlab");
  if (!library->has(plugin_abi::kDescriptorSymbol))
    return not_a_plugin(std::string("no entry point ") + plugin_abi::kDescriptorSymbol);

  const PluginDescriptor* descriptor = nullptr;
  try {
    descriptor = &library->get_alias<plugin_abi::DescriptorFn>(plugin_abi::kDescriptorSymbol)();
  } catch (const std::exception& e) {
    throw PluginError(file + ": the plugin failed to describe itself: " + e.what());
  }
  if (descriptor->api_version != kPluginApiVersion)
    throw PluginError(file + " describes itself with plugin API version " +
                      std::to_string(descriptor->api_version) + ", this cnnlab provides version " +
                      std::to_string(kPluginApiVersion));

  PluginInfo info;
  info.file = file;
  info.name = descriptor->name;
  info.version = descriptor->version;
  add_types("layer", descriptor->layers, layers, library, file, info.layers);
  add_types("optimizer", descriptor->optimizers, optimizers, library, file, info.optimizers);
  add_types("dataset", descriptor->datasets, datasets, library, file, info.datasets);
  plugins.push_back(std::move(info));
  return true;
}

PluginHost::PluginHost(const Options& options) : impl_(std::make_unique<Impl>()) {
  for (const auto& dir : options.dirs) impl_->scan_dir(dir, true);
  if (options.use_environment) {
    if (const char* env = std::getenv("CNNLAB_PLUGIN_PATH")) {
      std::string path = env;
      size_t start = 0;
      while (start <= path.size()) {
        const size_t colon = std::min(path.find(':', start), path.size());
        const std::string dir = path.substr(start, colon - start);
        if (!dir.empty()) {
          if (!fs::exists(dir))
            throw PluginError("CNNLAB_PLUGIN_PATH names " + dir + ", which does not exist");
          impl_->scan_dir(dir, false);
        }
        start = colon + 1;
      }
    }
  }
  if (options.use_default_dir) impl_->scan_dir(default_plugin_dir(), false);
}

PluginHost::~PluginHost() = default;

const std::vector<PluginHost::PluginInfo>& PluginHost::plugins() const { return impl_->plugins; }
const std::vector<std::string>& PluginHost::warnings() const { return impl_->warnings; }
std::vector<std::string> PluginHost::layer_types() const { return names_of(impl_->layers); }
std::vector<std::string> PluginHost::optimizer_types() const { return names_of(impl_->optimizers); }
std::vector<std::string> PluginHost::dataset_types() const { return names_of(impl_->datasets); }
bool PluginHost::has_layer(const std::string& type) const { return impl_->layers.count(type) > 0; }

namespace {

template <typename Factory>
const Registered<Factory>& find_type(const std::map<std::string, Registered<Factory>>& table,
                                     const char* kind, const std::string& type,
                                     const SourceLocation& where) {
  auto it = table.find(type);
  if (it != table.end()) return it->second;
  const auto known = names_of(table);
  const std::string hint = closest_match(type, known);
  throw ConfigError(where, std::string("unknown ") + kind + " type '" + type + "'" +
                               (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                               "; known types: " + (known.empty() ? "none" : join(known)));
}

// Runs a factory, turning anything but a configuration error into a message that says which
// thing of which plugin file failed.
template <typename Make>
auto call_factory(const char* kind, const std::string& type, const std::string& file,
                  const SourceLocation& where, Make&& make) {
  try {
    return make();
  } catch (const ConfigError&) {
    throw;
  } catch (const std::exception& e) {
    throw PluginError((where.str().empty() ? "" : where.str() + ": ") + kind + " '" + type +
                      "' (plugin " + file + ") failed: " + e.what());
  }
}

}  // namespace

std::shared_ptr<Layer> PluginHost::make_layer(const std::string& type, const Config& cfg,
                                              const SourceLocation& where) const {
  const auto& reg = find_type(impl_->layers, "layer", type, where);
  auto object = call_factory("layer", type, reg.file, where, [&] { return reg.make(cfg); });
  if (!object) throw PluginError("layer '" + type + "' (plugin " + reg.file + ") made nothing");
  cfg.reject_unknown_keys();
  return holding(std::move(object), reg.library);
}

std::shared_ptr<Optimizer> PluginHost::make_optimizer(const std::string& type, const Config& cfg,
                                                      const SourceLocation& where) const {
  const auto& reg = find_type(impl_->optimizers, "optimizer", type, where);
  auto object = call_factory("optimizer", type, reg.file, where, [&] { return reg.make(cfg); });
  if (!object)
    throw PluginError("optimizer '" + type + "' (plugin " + reg.file + ") made nothing");
  cfg.reject_unknown_keys();
  return holding(std::move(object), reg.library);
}

std::shared_ptr<Dataset> PluginHost::make_dataset(const std::string& type, const Config& cfg,
                                                  const DatasetContext& ctx,
                                                  const SourceLocation& where) const {
  const auto& reg = find_type(impl_->datasets, "dataset", type, where);
  auto object =
      call_factory("dataset", type, reg.file, where, [&] { return reg.make(cfg, ctx); });
  if (!object) throw PluginError("dataset '" + type + "' (plugin " + reg.file + ") made nothing");
  cfg.reject_unknown_keys();
  return holding(std::move(object), reg.library);
}

std::string PluginHost::default_plugin_dir() {
  // Relative to libcnnlab itself, so every program linking the core (the runner, the tests,
  // an installed copy) finds the plugins that were built or installed with it.
  const fs::path lib_dir = boost::dll::this_line_location().parent_path();
  return (lib_dir / "cnnlab" / "plugins").string();
}

}  // namespace cnnlab

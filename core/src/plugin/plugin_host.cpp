#include "cnnlab/plugin_host.hpp"

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/filesystem.hpp>
#include <cstdlib>
#include <map>
#include <set>

#include "cnnlab/error.hpp"
#include "cnnlab/plugin.hpp"
#include "cnnlab/text.hpp"
#include "plugin_library.hpp"

namespace cnnlab {

namespace fs = boost::filesystem;
using plugin_detail::Library;

namespace {

// A registered type: the factory and the library that must outlive what it makes.
// `library` comes first so that it is destroyed last: destroying `make` runs code of the
// library.
template <typename Factory>
struct Registered {
  Library library;
  Factory make;
  std::string file;
};

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

  // `named` paths were given by the user: they must exist, and a file among them must be a
  // plugin. Files found by scanning a directory are skipped with a warning when they are not.
  void scan(const fs::path& path, bool named);
  void load_file(const fs::path& file, bool lenient);

  template <typename Factory, typename Entries>
  void add_types(const char* kind, const Entries& entries,
                 std::map<std::string, Registered<Factory>>& table, const Library& library,
                 const std::string& file, std::vector<std::string>& listed) {
    for (const auto& entry : entries) {
      if (entry.name.empty() || !entry.make)
        throw PluginError(file + " declares a " + kind + " type without a name or a factory");
      auto existing = table.find(entry.name);
      if (existing != table.end())
        throw PluginError(existing->second.file == file
                              ? file + " provides " + kind + " type '" + entry.name + "' twice"
                              : std::string(kind) + " type '" + entry.name +
                                    "' is provided by both " + existing->second.file + " and " +
                                    file);
      table.emplace(entry.name, Registered<Factory>{library, entry.make, file});
      listed.push_back(entry.name);
    }
  }
};

void PluginHost::Impl::scan(const fs::path& path, bool named) {
  boost::system::error_code ec;
  if (!fs::exists(path, ec)) {
    if (named) throw PluginError("plugin directory " + path.string() + " does not exist");
    return;
  }
  if (fs::is_regular_file(path, ec)) {
    load_file(path, !named);
    return;
  }
  if (!fs::is_directory(path, ec))
    throw PluginError(path.string() + " is neither a plugin directory nor a plugin file");
  std::vector<fs::path> files;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
    if (looks_like_library(it->path()) && fs::is_regular_file(it->path(), ec))
      files.push_back(it->path());
  if (ec) throw PluginError("cannot read plugin directory " + path.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) load_file(f, true);
}

void PluginHost::Impl::load_file(const fs::path& path, bool lenient) {
  boost::system::error_code ec;
  const fs::path canonical = fs::canonical(path, ec);
  const std::string file = ec ? path.string() : canonical.string();
  // The same file reached twice (a symlink, a directory named twice) is one plugin.
  if (!loaded_files.insert(file).second) return;

  std::string not_a_plugin;
  const auto opened = plugin_detail::open_plugin(file, not_a_plugin);
  if (!opened) {
    if (!lenient) throw PluginError(file + " is not a cnnlab plugin (" + not_a_plugin + ")");
    warnings.push_back("skipping " + file + ": not a cnnlab plugin (" + not_a_plugin + ")");
    return;
  }
  const PluginDescriptor& descriptor = *opened->descriptor;
  PluginInfo info;
  info.file = file;
  info.name = descriptor.name;
  info.version = descriptor.version;
  add_types("layer", descriptor.layers, layers, opened->library, file, info.layers);
  add_types("optimizer", descriptor.optimizers, optimizers, opened->library, file, info.optimizers);
  add_types("dataset", descriptor.datasets, datasets, opened->library, file, info.datasets);
  plugins.push_back(std::move(info));
}

PluginHost::PluginHost(const Options& options) : impl_(std::make_unique<Impl>()) {
  for (const auto& dir : options.dirs) impl_->scan(dir, true);
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
          impl_->scan(dir, true);
        }
        start = colon + 1;
      }
    }
  }
  if (options.use_default_dir) impl_->scan(default_plugin_dir(), false);
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

// An error thrown by a factory, with which type of which plugin file (and which YAML line)
// failed, keeping the exit code the plugin chose.
class FactoryError : public Error {
 public:
  FactoryError(const std::string& message, int exit_code) : Error(message), code_(exit_code) {}
  ~FactoryError() override;
  int exit_code() const override { return code_; }

 private:
  int code_;
};
FactoryError::~FactoryError() = default;

// Runs a factory. A configuration error already names its YAML key and passes through;
// anything else gets the context the plugin cannot know.
template <typename Make>
auto call_factory(const char* kind, const std::string& type, const std::string& file,
                  const SourceLocation& where, Make&& make) {
  const std::string context = (where.str().empty() ? "" : where.str() + ": ") + kind + " '" + type +
                              "' (plugin " + file + ") failed: ";
  try {
    return make();
  } catch (const ConfigError&) {
    throw;
  } catch (const Error& e) {
    throw FactoryError(context + e.what(), e.exit_code());
  } catch (const std::exception& e) {
    throw PluginError(context + e.what());
  } catch (...) {
    throw PluginError(context + "unknown exception");
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
  if (!object) throw PluginError("optimizer '" + type + "' (plugin " + reg.file + ") made nothing");
  cfg.reject_unknown_keys();
  return holding(std::move(object), reg.library);
}

std::shared_ptr<Dataset> PluginHost::make_dataset(const std::string& type, const Config& cfg,
                                                  const DatasetContext& ctx,
                                                  const SourceLocation& where) const {
  const auto& reg = find_type(impl_->datasets, "dataset", type, where);
  auto object = call_factory("dataset", type, reg.file, where, [&] { return reg.make(cfg, ctx); });
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

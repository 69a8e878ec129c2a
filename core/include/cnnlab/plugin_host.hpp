#pragma once
#include <memory>
#include <string>
#include <vector>

#include "cnnlab/config.hpp"
#include "cnnlab/dataset.hpp"
#include "cnnlab/export.hpp"
#include "cnnlab/layer.hpp"
#include "cnnlab/optimizer.hpp"

namespace cnnlab {

// Finds, checks and loads plugin libraries (Boost.DLL), and makes objects from their
// factories. Every object it makes holds its library loaded until the object dies.
//
// Search order: each explicitly named directory (--plugins, repeatable), then the
// colon-separated CNNLAB_PLUGIN_PATH, then the plugins folder of the build or install
// (`<exe>/../lib/cnnlab/plugins`). Errors are PluginError (exit code 2).
class CNNLAB_API PluginHost {
 public:
  struct Options {
    std::vector<std::string> dirs;  // explicit directories or plugin files: must exist
    bool use_environment = true;    // CNNLAB_PLUGIN_PATH
    bool use_default_dir = true;    // next to the executable / in the install
  };

  struct PluginInfo {
    std::string file;
    std::string name;
    std::string version;
    std::vector<std::string> layers, optimizers, datasets;
  };

  explicit PluginHost(const Options& options);
  ~PluginHost();
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  const std::vector<PluginInfo>& plugins() const;
  // Files skipped while scanning a directory ("not a cnnlab plugin"), one line each.
  const std::vector<std::string>& warnings() const;

  std::vector<std::string> layer_types() const;
  std::vector<std::string> optimizer_types() const;
  std::vector<std::string> dataset_types() const;
  bool has_layer(const std::string& type) const;

  // `type_location` is where the YAML named the type (for "unknown layer type 'conv'").
  // Calls cfg.reject_unknown_keys() after the factory returns.
  std::shared_ptr<Layer> make_layer(const std::string& type, const Config& cfg,
                                    const SourceLocation& type_location = {}) const;
  std::shared_ptr<Optimizer> make_optimizer(const std::string& type, const Config& cfg,
                                            const SourceLocation& type_location = {}) const;
  std::shared_ptr<Dataset> make_dataset(const std::string& type, const Config& cfg,
                                        const DatasetContext& ctx,
                                        const SourceLocation& type_location = {}) const;

  // The default plugin directory for this executable (may not exist).
  static std::string default_plugin_dir();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace cnnlab

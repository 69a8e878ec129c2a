#pragma once
#include <boost/dll/alias.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cnnlab/config.hpp"
#include "cnnlab/dataset.hpp"
#include "cnnlab/layer.hpp"
#include "cnnlab/optimizer.hpp"
#include "cnnlab/version.hpp"

namespace cnnlab {

using LayerFactory = std::function<std::unique_ptr<Layer>(const Config&)>;
using OptimizerFactory = std::function<std::unique_ptr<Optimizer>(const Config&)>;
using DatasetFactory =
    std::function<std::unique_ptr<Dataset>(const Config&, const DatasetContext&)>;

struct LayerType {
  std::string name;  // the YAML `type:`
  LayerFactory make;
};
struct OptimizerType {
  std::string name;
  OptimizerFactory make;
};
struct DatasetType {
  std::string name;
  DatasetFactory make;
};

// What a plugin library provides. Returned by its entry point, after the host has checked
// that the library's cnnlab_plugin_api_version() equals kPluginApiVersion.
struct PluginDescriptor {
  int api_version = kPluginApiVersion;
  std::string name;
  std::string version;
  std::vector<LayerType> layers;
  std::vector<OptimizerType> optimizers;
  std::vector<DatasetType> datasets;
};

namespace plugin_abi {
using ApiVersionFn = int();
using DescriptorFn = const PluginDescriptor&();
constexpr const char* kApiVersionSymbol = "cnnlab_plugin_api_version";
constexpr const char* kDescriptorSymbol = "cnnlab_plugin_descriptor";
}  // namespace plugin_abi

}  // namespace cnnlab

// Declares a plugin library's entry points. `describe` is a function returning a
// cnnlab::PluginDescriptor; it runs once, on first use. Use once per library:
//
//   cnnlab::PluginDescriptor describe() { ... }
//   CNNLAB_PLUGIN(describe)
#define CNNLAB_PLUGIN(describe)                                                \
  namespace cnnlab_plugin_entry {                                              \
  int api_version() { return ::cnnlab::kPluginApiVersion; }                    \
  const ::cnnlab::PluginDescriptor& descriptor() {                             \
    static const ::cnnlab::PluginDescriptor d = describe();                    \
    return d;                                                                  \
  }                                                                            \
  }                                                                            \
  BOOST_DLL_ALIAS(cnnlab_plugin_entry::api_version, cnnlab_plugin_api_version) \
  BOOST_DLL_ALIAS(cnnlab_plugin_entry::descriptor, cnnlab_plugin_descriptor)

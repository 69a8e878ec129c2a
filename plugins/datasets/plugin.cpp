// The cnnlab_datasets plugin: the built-in dataset types, loaded like any third-party plugin.
#include "cnnlab/plugin.hpp"

#include "dataset_common.hpp"

namespace {
cnnlab::PluginDescriptor describe() {
  using namespace cnnlab::datasets;
  cnnlab::PluginDescriptor d;
  d.name = "cnnlab_datasets";
  d.version = cnnlab::version_string();
  d.datasets = {idx_type(), cifar10_type(), image_folder_type()};
  return d;
}
}  // namespace

CNNLAB_PLUGIN(describe)

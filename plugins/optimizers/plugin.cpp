// The cnnlab_optimizers plugin: the built-in optimizers, loaded like any third-party plugin.
#include "cnnlab/plugin.hpp"

#include "optimizer_support.hpp"

namespace {
cnnlab::PluginDescriptor describe() {
  using namespace cnnlab::optimizers;
  cnnlab::PluginDescriptor d;
  d.name = "cnnlab_optimizers";
  d.version = cnnlab::version_string();
  d.optimizers = {sgd_type(), adam_type(), rmsprop_type()};
  return d;
}
}  // namespace

CNNLAB_PLUGIN(describe)

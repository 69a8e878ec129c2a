// The cnnlab_layers plugin: the built-in layer types, loaded like any third-party plugin.
#include "cnnlab/plugin.hpp"

#include "layer_support.hpp"

namespace {
cnnlab::PluginDescriptor describe() {
  using namespace cnnlab::layers;
  cnnlab::PluginDescriptor d;
  d.name = "cnnlab_layers";
  d.version = cnnlab::version_string();
  d.layers = {conv2d_type(),  maxpool2d_type(), avgpool2d_type(), dense_type(),
              flatten_type(), dropout_type(),   batchnorm_type(), activation_type()};
  return d;
}
}  // namespace

CNNLAB_PLUGIN(describe)

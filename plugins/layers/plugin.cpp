// The cnnlab_layers plugin: the built-in layer types, loaded like any third-party plugin.
#include "cnnlab/plugin.hpp"

#include "augmentation_support.hpp"

namespace {
cnnlab::PluginDescriptor describe() {
  using namespace cnnlab::layers;
  cnnlab::PluginDescriptor d;
  d.name = "cnnlab_layers";
  d.version = cnnlab::version_string();
  d.layers = {conv2d_type(),
              maxpool2d_type(),
              avgpool2d_type(),
              dense_type(),
              flatten_type(),
              dropout_type(),
              batchnorm_type(),
              activation_type(),
              globalavgpool2d_type(),
              globalmaxpool2d_type(),
              depthwise_conv2d_type(),
              random_flip_type(),
              random_translation_type(),
              random_rotation_type(),
              random_zoom_type(),
              random_crop_type(),
              random_contrast_type(),
              random_brightness_type()};
  return d;
}
}  // namespace

CNNLAB_PLUGIN(describe)

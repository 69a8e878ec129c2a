// channel_scale: a layer plugin that scales each channel by a learned factor and shifts it
// by a learned offset, y[..., c] = x[..., c] * scale[c] + offset[c].
//
// This is the example of docs/PLUGINS.md, and the tests build it both inside the cnnlab tree
// and out of tree with find_package(cnnlab).
#include <cnnlab/error.hpp>
#include <cnnlab/layer_utils.hpp>
#include <cnnlab/plugin.hpp>
#include <memory>
#include <string>
#include <vector>

namespace {

using cnnlab::Parameter;
using cnnlab::Shape;
using cnnlab::StepContext;
using cnnlab::Tensor;

class ChannelScale : public cnnlab::Layer {
 public:
  ChannelScale(float initial_scale, bool with_offset)
      : initial_scale_(initial_scale), with_offset_(with_offset) {}

  std::string type() const override { return "channel_scale"; }
  std::string keras_class() const override { return "ChannelScale"; }
  std::string keras_name() const override { return "channel_scale"; }

  Shape build(const Shape& input, cnnlab::Rng& /*init: nothing random here*/) override {
    if (input.empty() || input.back() <= 0)
      throw cnnlab::ShapeError("channel_scale needs an input with a channel axis, got " +
                               cnnlab::shape_to_string(input));
    const int64_t channels = input.back();
    input_ = input;
    scale_ = cnnlab::make_parameter("scale", {channels});
    scale_.value.fill(initial_scale_);
    if (with_offset_) offset_ = cnnlab::make_parameter("offset", {channels});
    return input;  // the output has the input's shape
  }

  std::vector<Parameter*> parameters() override {
    if (with_offset_) return {&scale_, &offset_};
    return {&scale_};
  }

  // Channels are the last axis (NHWC), so element i belongs to channel i % channels.
  void forward(const Tensor& in, Tensor& out, const StepContext& /*ctx*/) override {
    // A batch of other samples than build() saw is the caller's bug: an error, not a crash.
    cnnlab::checked_batch(in, input_, type());
    out.resize(in.dims());
    const size_t channels = scale_.value.size();
    for (size_t i = 0; i < in.size(); ++i) {
      const size_t c = i % channels;
      out[i] = in[i] * scale_.value[c] + (with_offset_ ? offset_.value[c] : 0.0f);
    }
  }

  void backward(const Tensor& in, const Tensor& /*out*/, const Tensor& grad_out,
                Tensor* grad_in) override {
    const size_t channels = scale_.value.size();
    scale_.grad.zero();
    if (with_offset_) offset_.grad.zero();
    if (grad_in) grad_in->resize(in.dims());
    for (size_t i = 0; i < in.size(); ++i) {
      const size_t c = i % channels;
      scale_.grad[c] += grad_out[i] * in[i];
      if (with_offset_) offset_.grad[c] += grad_out[i];
      if (grad_in) (*grad_in)[i] = grad_out[i] * scale_.value[c];
    }
  }

 private:
  float initial_scale_;
  bool with_offset_;
  Shape input_;
  Parameter scale_, offset_;
};

// The factory reads its keys through the Config getters: a key no getter asked for is
// reported by the host afterwards, with its YAML line and a "did you mean".
std::unique_ptr<cnnlab::Layer> make_channel_scale(const cnnlab::Config& cfg) {
  const double initial_scale = cfg.get_double("initial_scale", 1.0);
  if (initial_scale == 0.0) cfg.fail("initial_scale", "must not be 0");
  const bool with_offset = cfg.get_bool("offset", true);
  return std::make_unique<ChannelScale>(static_cast<float>(initial_scale), with_offset);
}

cnnlab::PluginDescriptor describe() {
  cnnlab::PluginDescriptor plugin;
  plugin.name = "channel_scale";
  plugin.version = "1.0.0";
  plugin.layers.push_back({"channel_scale", make_channel_scale});
  return plugin;
}

}  // namespace

CNNLAB_PLUGIN(describe)

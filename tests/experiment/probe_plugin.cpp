// A test-only plugin whose layer and dataset do exactly what their config says, so the
// experiment loader and `summary` are tested independently of the built-in plugins.
//
//   {type: probe, output: [14, 14, 8], trainable: 832, frozen: 64, class: Conv2D, base: conv2d,
//    rank: 3}
// makes a layer that outputs `output` (default: its input), owns `trainable` trainable and
// `frozen` non-trainable values, is shown as "conv2d (Conv2D)" and throws ShapeError unless
// its input has `rank` axes. {type: probe_data, shape: [8, 8, 1]} is a dataset that reports
// that input shape.
#include "cnnlab/error.hpp"
#include "cnnlab/plugin.hpp"

namespace {

using namespace cnnlab;

class ProbeLayer final : public Layer {
 public:
  explicit ProbeLayer(const Config& cfg)
      : output_(cfg.get_int_list("output", Shape{})),
        trainable_(cfg.get_int("trainable", 0)),
        frozen_(cfg.get_int("frozen", 0)),
        rank_(cfg.get_int("rank", 0)),
        class_(cfg.get_string("class", "Probe")),
        base_(cfg.get_string("base", "probe")) {}

  std::string type() const override { return "probe"; }
  std::string keras_class() const override { return class_; }
  std::string keras_name() const override { return base_; }

  Shape build(const Shape& input, Rng&) override {
    if (rank_ && static_cast<int64_t>(input.size()) != rank_)
      throw ShapeError("expects " + std::to_string(rank_) + " axes, got " + shape_to_string(input));
    if (trainable_) weights_ = {"kernel", Tensor({trainable_}), Tensor({trainable_}), true};
    if (frozen_) statistics_ = {"moving_mean", Tensor({frozen_}), Tensor(), false};
    return output_.empty() ? input : output_;
  }

  std::vector<Parameter*> parameters() override {
    std::vector<Parameter*> params;
    if (trainable_) params.push_back(&weights_);
    if (frozen_) params.push_back(&statistics_);
    return params;
  }

  void forward(const Tensor& in, Tensor& out, const StepContext&) override { out = in; }
  void backward(const Tensor&, const Tensor&, const Tensor& grad_out, Tensor* grad_in) override {
    if (grad_in) *grad_in = grad_out;
  }

 private:
  Shape output_;
  int64_t trainable_, frozen_, rank_;
  std::string class_, base_;
  Parameter weights_, statistics_;
};

class ProbeData final : public Dataset {
 public:
  explicit ProbeData(const Config& cfg) : shape_(cfg.get_int_list("shape")) {}
  std::string type() const override { return "probe_data"; }
  DatasetInfo info() override {
    DatasetInfo info;
    info.input_shape = shape_;
    info.num_classes = 2;
    info.class_names = {"0", "1"};
    return info;
  }
  ImageSet load_train() override { return {}; }
  ImageSet load_test() override { return {}; }

 private:
  Shape shape_;
};

PluginDescriptor describe() {
  PluginDescriptor d;
  d.name = "cnnlab_probe";
  d.version = "1";
  d.layers = {{"probe", [](const Config& cfg) { return std::make_unique<ProbeLayer>(cfg); }}};
  d.datasets = {{"probe_data", [](const Config& cfg, const DatasetContext&) {
                   return std::make_unique<ProbeData>(cfg);
                 }}};
  return d;
}

}  // namespace

CNNLAB_PLUGIN(describe)

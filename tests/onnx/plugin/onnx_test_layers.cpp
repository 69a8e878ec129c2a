// Two identity layers for the export tests: `no_onnx` has no ONNX form (the default of
// Layer::export_onnx), `wrong_onnx` exports a deliberately wrong one (x * 1.5), the stand-in
// for a broken layer export that `cnnlab export --check` must catch.
#include <cnnlab/plugin.hpp>
#include <memory>

namespace {

class Identity : public cnnlab::Layer {
 public:
  explicit Identity(std::string type) : type_(std::move(type)) {}
  std::string type() const override { return type_; }
  std::string keras_class() const override { return "Identity"; }
  std::string keras_name() const override { return type_; }
  cnnlab::Shape build(const cnnlab::Shape& input, cnnlab::Rng&) override { return input; }
  void forward(const cnnlab::Tensor& in, cnnlab::Tensor& out, const cnnlab::StepContext&) override {
    out = in;
  }
  void backward(const cnnlab::Tensor&, const cnnlab::Tensor&, const cnnlab::Tensor& grad_out,
                cnnlab::Tensor* grad_in) override {
    if (grad_in) *grad_in = grad_out;
  }

 private:
  std::string type_;
};

class WrongOnnx final : public Identity {
 public:
  WrongOnnx() : Identity("wrong_onnx") {}
  std::optional<std::string> export_onnx(cnnlab::OnnxBuilder& graph,
                                         const std::string& input) const override {
    cnnlab::Tensor factor({1});
    factor[0] = 1.5f;
    return graph.add_node("Mul", {input, graph.add_constant("factor", factor)});
  }
};

cnnlab::PluginDescriptor describe() {
  cnnlab::PluginDescriptor plugin;
  plugin.name = "onnx_test_layers";
  plugin.version = "1.0.0";
  plugin.layers.push_back(
      {"no_onnx", [](const cnnlab::Config&) { return std::make_unique<Identity>("no_onnx"); }});
  plugin.layers.push_back(
      {"wrong_onnx", [](const cnnlab::Config&) { return std::make_unique<WrongOnnx>(); }});
  return plugin;
}

}  // namespace

CNNLAB_PLUGIN(describe)

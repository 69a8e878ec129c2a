// Model::backward stops at the first layer that learns: the layers before it (augmentation on
// the input) are not called and that layer computes no input gradient.
#include <catch2/catch.hpp>
#include <memory>

#include "test_layers.hpp"

namespace {

// An identity without parameters that counts its backward calls.
class CountingIdentity final : public cnnlab::Layer {
 public:
  std::string type() const override { return "counting"; }
  std::string keras_class() const override { return "Counting"; }
  std::string keras_name() const override { return "counting"; }
  cnnlab::Shape build(const cnnlab::Shape& input, cnnlab::Rng&) override { return input; }
  void forward(const cnnlab::Tensor& in, cnnlab::Tensor& out, const cnnlab::StepContext&) override {
    out = in;
  }
  void backward(const cnnlab::Tensor&, const cnnlab::Tensor&, const cnnlab::Tensor& grad_out,
                cnnlab::Tensor* grad_in) override {
    ++calls;
    if (grad_in) *grad_in = grad_out;
  }
  int calls = 0;
};

}  // namespace

TEST_CASE("backward skips the layers before the first one that learns") {
  cnnlab::Model model({2, 2, 1});
  auto before = std::make_shared<CountingIdentity>();
  auto between = std::make_shared<CountingIdentity>();
  model.add(before, 1);
  model.add(std::make_shared<cnnlab::test::TestDense>(3, cnnlab::test::TestDense::Softmax::none),
            1);
  model.add(between, 1);
  model.add(std::make_shared<cnnlab::test::TestDense>(2, cnnlab::test::TestDense::Softmax::none),
            1);
  cnnlab::Tensor x({4, 2, 2, 1});
  x.fill(0.5f);
  const cnnlab::Tensor& y = model.forward(x, true, 1);
  cnnlab::Tensor grad(y.dims());
  grad.fill(1.0f);
  model.backward(grad);
  CHECK(before->calls == 0);
  CHECK(between->calls == 1);
  for (const cnnlab::Parameter* p : model.trainable_parameters()) CHECK(p->grad.size() > 0);
}

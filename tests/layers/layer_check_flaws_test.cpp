// cnnlab::testing::check_layer on a layer with one planted flaw at a time: the report fails
// exactly the clause or the gradient the flaw breaks, so a passing report means something.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "cnnlab/init.hpp"
#include "cnnlab/layer_utils.hpp"
#include "cnnlab/parallel.hpp"
#include "cnnlab/testing/inputs.hpp"
#include "cnnlab/testing/layer_check.hpp"

using cnnlab::Parameter;
using cnnlab::Shape;
using cnnlab::StepContext;
using cnnlab::Tensor;

namespace {

enum class Flaw {
  none,
  wrong_gradient,
  accumulates,
  state_outside_parameters,
  wrong_shape,
  seed_at_inference,
  depends_on_threads,
  throws_in_backward
};

// y = x * kernel[c] per channel c, and whatever the flaw adds.
class FlawedScale : public cnnlab::Layer {
 public:
  explicit FlawedScale(Flaw flaw) : flaw_(flaw) {}
  std::string type() const override { return "flawed_scale"; }
  std::string keras_class() const override { return "FlawedScale"; }
  std::string keras_name() const override { return "flawed_scale"; }

  Shape build(const Shape& input, cnnlab::Rng& init) override {
    kernel_ = cnnlab::make_parameter("kernel", {input.back()});
    cnnlab::glorot_uniform(kernel_.value, input.back(), input.back(), init);
    shift_ = static_cast<float>(init.uniform());
    Shape output = input;
    if (flaw_ == Flaw::wrong_shape) ++output.back();
    return output;
  }
  std::vector<Parameter*> parameters() override { return {&kernel_}; }

  void forward(const Tensor& in, Tensor& out, const StepContext& ctx) override {
    out.resize(in.dims());
    float extra = 0;
    if (flaw_ == Flaw::state_outside_parameters) extra = shift_;
    if (flaw_ == Flaw::seed_at_inference && !ctx.training) extra = 1e-3f * float(ctx.seed % 7);
    if (flaw_ == Flaw::depends_on_threads) extra = 1e-3f * float(cnnlab::ThreadLimit::current());
    for (size_t i = 0; i < in.size(); ++i) out[i] = in[i] * kernel_.value[channel(i)] + extra;
  }

  void backward(const Tensor& in, const Tensor&, const Tensor& grad_out, Tensor* grad_in) override {
    if (flaw_ == Flaw::throws_in_backward) throw cnnlab::Error("backward is not implemented");
    if (flaw_ != Flaw::accumulates) kernel_.grad.zero();
    grad_in->resize(in.dims());
    const float factor = flaw_ == Flaw::wrong_gradient ? 1.1f : 1.0f;
    for (size_t i = 0; i < in.size(); ++i) {
      kernel_.grad[channel(i)] += factor * grad_out[i] * in[i];
      (*grad_in)[i] = grad_out[i] * kernel_.value[channel(i)];
    }
  }

 private:
  size_t channel(size_t i) const { return i % kernel_.value.size(); }
  Flaw flaw_;
  Parameter kernel_;
  float shift_ = 0;
};

std::set<std::string> failures(Flaw flaw) {
  const auto report =
      cnnlab::testing::check_layer([flaw] { return std::make_shared<FlawedScale>(flaw); },
                                   cnnlab::testing::random_input(3, {4, 5, 2}, 1));
  INFO(cnnlab::testing::describe(report));
  std::set<std::string> failed;
  for (const auto& c : report.contracts)
    if (!c.passed) failed.insert(c.contract);
  for (const auto& g : report.gradients)
    if (!g.passed) failed.insert("gradient of " + g.tensor);
  CHECK(cnnlab::testing::all_passed(report) == failed.empty());
  return failed;
}

using Names = std::set<std::string>;

}  // namespace

TEST_CASE("check_layer passes a sound layer and describes every check", "[layers][check]") {
  const auto report =
      cnnlab::testing::check_layer([] { return std::make_shared<FlawedScale>(Flaw::none); },
                                   cnnlab::testing::random_input(3, {4, 5, 2}, 1));
  const std::string text = cnnlab::testing::describe(report);
  INFO(text);
  CHECK(cnnlab::testing::all_passed(report));
  CHECK(text.rfind("flawed_scale on (None, 4, 5, 2), batch of 3: every check passed\n", 0) == 0);
  for (const char* line : {"\n  ok      round trip: ", "\n  ok      gradient of input[",
                           "\n  ok      gradient of kernel["})
    CHECK(text.find(line) != std::string::npos);
}

TEST_CASE("check_layer fails exactly what a planted flaw breaks", "[layers][check]") {
  CHECK(failures(Flaw::wrong_gradient) == Names{"gradient of kernel"});
  CHECK(failures(Flaw::accumulates) == Names{"backward"});
  CHECK(failures(Flaw::state_outside_parameters) == Names{"round trip"});
  CHECK(failures(Flaw::wrong_shape) == Names{"output shape"});
  CHECK(failures(Flaw::seed_at_inference) == Names{"deterministic", "training and inference"});
  CHECK(failures(Flaw::depends_on_threads) == Names{"threads"});
  CHECK(failures(Flaw::throws_in_backward) == Names{"threads", "backward", "gradients"});
}

// The Sequential Model with small layers defined here: naming, initialisation streams,
// forward/backward plumbing, softmax deferral and parameter counts.
#include "cnnlab/host/model.hpp"

#include <catch2/catch.hpp>
#include <cmath>

#include "cnnlab/error.hpp"

namespace {

using namespace cnnlab;

// y = w * x with one trainable scalar w drawn from the init stream. Records what the model
// passed it.
class Scale final : public Layer {
 public:
  explicit Scale(std::string base = "scale") : base_(std::move(base)) {}
  std::string type() const override { return "scale"; }
  std::string keras_class() const override { return "Scale"; }
  std::string keras_name() const override { return base_; }

  Shape build(const Shape& input, Rng& init) override {
    first_draw = init.uniform();
    w_.value = Tensor({1});
    w_.value[0] = static_cast<float>(1.0 + first_draw);
    w_.grad = Tensor({1});
    return input;
  }
  std::vector<Parameter*> parameters() override { return {&w_}; }

  void forward(const Tensor& in, Tensor& out, const StepContext& ctx) override {
    last_ctx = ctx;
    out.resize(in.dims());
    for (size_t i = 0; i < in.size(); ++i) out[i] = w_.value[0] * in[i];
  }
  void backward(const Tensor& in, const Tensor&, const Tensor& grad_out, Tensor* grad_in) override {
    got_grad_in = grad_in != nullptr;
    double g = 0.0;
    for (size_t i = 0; i < in.size(); ++i) g += grad_out[i] * in[i];
    w_.grad[0] = static_cast<float>(g);
    if (!grad_in) return;
    grad_in->resize(in.dims());
    for (size_t i = 0; i < in.size(); ++i) (*grad_in)[i] = grad_out[i] * w_.value[0];
  }

  float w() const { return w_.value[0]; }
  float grad() const { return w_.grad[0]; }

  double first_draw = 0.0;
  StepContext last_ctx;
  bool got_grad_in = true;

 private:
  std::string base_;
  Parameter w_{"kernel", {}, {}, true};
};

// Softmax over the last axis, which it stops applying when asked to output logits.
class Softmax final : public Layer {
 public:
  std::string type() const override { return "softmax"; }
  std::string keras_class() const override { return "Activation"; }
  std::string keras_name() const override { return "activation"; }
  Shape build(const Shape& input, Rng&) override { return input; }
  void forward(const Tensor& in, Tensor& out, const StepContext&) override {
    out = in;
    if (deferred_) return;
    const int64_t cols = in.dims().back();
    for (size_t r = 0; r < in.size() / cols; ++r) {
      double sum = 0.0;
      for (int64_t c = 0; c < cols; ++c) sum += std::exp(in[r * cols + c]);
      for (int64_t c = 0; c < cols; ++c)
        out[r * cols + c] = static_cast<float>(std::exp(in[r * cols + c]) / sum);
    }
  }
  void backward(const Tensor&, const Tensor&, const Tensor&, Tensor*) override {}
  bool defer_softmax() override { return deferred_ = true; }

 private:
  bool deferred_ = false;
};

// Keeps `count` non-trainable values (like BatchNormalization's moving statistics) and only
// accepts inputs of `rank` axes.
class Statistics final : public Layer {
 public:
  Statistics(int64_t count, size_t rank) : count_(count), rank_(rank) {}
  std::string type() const override { return "statistics"; }
  std::string keras_class() const override { return "Statistics"; }
  std::string keras_name() const override { return "statistics"; }
  Shape build(const Shape& input, Rng&) override {
    if (input.size() != rank_) throw ShapeError("needs " + std::to_string(rank_) + " axes");
    stats_.value = Tensor({count_});
    return input;
  }
  std::vector<Parameter*> parameters() override { return {&stats_}; }
  void forward(const Tensor& in, Tensor& out, const StepContext&) override { out = in; }
  void backward(const Tensor&, const Tensor&, const Tensor& g, Tensor* gi) override {
    if (gi) *gi = g;
  }

 private:
  int64_t count_;
  size_t rank_;
  Parameter stats_{"moving_mean", {}, {}, false};
};

std::vector<std::string> names(const Model& model) {
  std::vector<std::string> out;
  for (const auto& entry : model.layers()) out.push_back(entry.name);
  return out;
}

Tensor filled(std::vector<int64_t> dims, std::vector<float> values) {
  Tensor t(std::move(dims));
  for (size_t i = 0; i < values.size(); ++i) t[i] = values[i];
  return t;
}

}  // namespace

TEST_CASE("layers get Keras default names per name base") {
  Model model({4});
  model.add(std::make_shared<Scale>("conv2d"), 1);
  model.add(std::make_shared<Scale>("conv2d"), 1);
  model.add(std::make_shared<Scale>("dense"), 1);
  model.add(std::make_shared<Scale>("conv2d"), 1);
  CHECK(names(model) == std::vector<std::string>{"conv2d", "conv2d_1", "dense", "conv2d_2"});
}

TEST_CASE("an explicit name overrides the default and defaults step around it") {
  Model model({4});
  model.add(std::make_shared<Scale>("dense"), 1, "dense_1");
  model.add(std::make_shared<Scale>("dense"), 1);
  model.add(std::make_shared<Scale>("dense"), 1);
  model.add(std::make_shared<Scale>("dense"), 1, "head");
  CHECK(names(model) == std::vector<std::string>{"dense_1", "dense", "dense_2", "head"});
  CHECK_THROWS_WITH(model.add(std::make_shared<Scale>("dense"), 1, "head"),
                    "layer name 'head' is used twice in the model");
}

TEST_CASE("each layer initialises from the stream derived from seed and its index") {
  Model model({2});
  auto a = std::make_shared<Scale>(), b = std::make_shared<Scale>();
  model.add(a, 42);
  model.add(b, 42);
  CHECK(a->first_draw == Rng::derive(42, 0).uniform());
  CHECK(b->first_draw == Rng::derive(42, 1).uniform());
  CHECK(a->first_draw != b->first_draw);
}

TEST_CASE("a shape a layer refuses is a ShapeError naming the layer") {
  Model model({8, 8, 1});
  model.add(std::make_shared<Scale>(), 0);
  CHECK_THROWS_AS(model.add(std::make_shared<Statistics>(4, 1), 0), ShapeError);
  CHECK_THROWS_WITH(model.add(std::make_shared<Statistics>(4, 1), 0),
                    "layer 2 'statistics' (Statistics): needs 1 axes");
  CHECK(model.layers().size() == 1);
}

TEST_CASE("output shapes and parameter counts, trainable and not") {
  Model model({3});
  CHECK(model.output_shape() == Shape{3});
  model.add(std::make_shared<Scale>(), 0);
  model.add(std::make_shared<Statistics>(5, 1), 0);
  CHECK(model.input_shape() == Shape{3});
  CHECK(model.output_shape() == Shape{3});
  CHECK(model.layers()[1].output_shape == Shape{3});
  CHECK(model.param_count() == 6);
  CHECK(model.trainable_param_count() == 1);
  CHECK(model.all_parameters().size() == 2);
  REQUIRE(model.trainable_parameters().size() == 1);
  CHECK(model.trainable_parameters()[0]->name == "kernel");
}

TEST_CASE("forward chains the layers and backward fills every gradient") {
  Model model({2});
  auto first = std::make_shared<Scale>(), second = std::make_shared<Scale>();
  model.add(first, 3);
  model.add(second, 3);
  const Tensor x = filled({2, 2}, {1, 2, 3, 4});
  const Tensor& y = model.forward(x, true, 99);
  const float w0 = first->w(), w1 = second->w();
  for (size_t i = 0; i < 4; ++i) CHECK(y[i] == Approx(w0 * w1 * x[i]));
  CHECK(first->last_ctx.training);
  CHECK(first->last_ctx.seed == hash64(99, 0));
  CHECK(second->last_ctx.seed == hash64(99, 1));

  const Tensor g = filled({2, 2}, {1, -1, 0.5f, 2});
  model.backward(g);
  double dw1 = 0, dw0 = 0;
  for (size_t i = 0; i < 4; ++i) {
    dw1 += g[i] * w0 * x[i];
    dw0 += g[i] * w1 * x[i];
  }
  CHECK(second->grad() == Approx(dw1));
  CHECK(first->grad() == Approx(dw0));
  CHECK(second->got_grad_in);
  CHECK_FALSE(first->got_grad_in);  // nobody needs the gradient of the input images
}

TEST_CASE("activations are reused from batch to batch") {
  Model model({2});
  model.add(std::make_shared<Scale>(), 0);
  const Tensor x = filled({3, 2}, {1, 2, 3, 4, 5, 6});
  const float* first = model.forward(x, false).data();
  const float* again = model.forward(x, false).data();
  CHECK(first == again);
}

TEST_CASE("backward without a training forward pass is an error") {
  Model model({2});
  model.add(std::make_shared<Scale>(), 0);
  const Tensor x = filled({1, 2}, {1, 2});
  model.forward(x, false);
  CHECK_THROWS_AS(model.backward(x), Error);
}

TEST_CASE("the final softmax can be deferred; predict_proba applies it") {
  const Tensor x = filled({2, 3}, {1, 2, 3, -50, 0, 50});
  Tensor with_layer_softmax, with_deferred;

  Model plain({3});
  plain.add(std::make_shared<Scale>(), 5);
  plain.add(std::make_shared<Softmax>(), 5);
  CHECK_FALSE(plain.outputs_logits());
  plain.predict_proba(x, with_layer_softmax);

  Model deferred({3});
  deferred.add(std::make_shared<Scale>(), 5);
  deferred.add(std::make_shared<Softmax>(), 5);
  CHECK(deferred.defer_final_softmax());
  CHECK(deferred.outputs_logits());
  CHECK(deferred.defer_final_softmax());
  deferred.predict_proba(x, with_deferred);

  REQUIRE(with_deferred.dims() == std::vector<int64_t>{2, 3});
  for (size_t i = 0; i < 6; ++i) CHECK(with_deferred[i] == Approx(with_layer_softmax[i]));
  CHECK(with_deferred[0] + with_deferred[1] + with_deferred[2] == Approx(1.0f));
  CHECK(std::isfinite(with_deferred[3]));
  CHECK_THROWS_AS(deferred.add(std::make_shared<Scale>(), 5), Error);
}

TEST_CASE("a last layer without a softmax does not defer") {
  Model model({2});
  model.add(std::make_shared<Scale>(), 0);
  CHECK_FALSE(model.defer_final_softmax());
  CHECK_FALSE(model.outputs_logits());
  Model empty({2});
  CHECK_FALSE(empty.defer_final_softmax());
}

TEST_CASE("a model moves with its layers") {
  Model model({2});
  model.add(std::make_shared<Scale>("dense"), 0);
  Model moved = std::move(model);
  CHECK(names(moved) == std::vector<std::string>{"dense"});
}

// model_summary against text laid out by Keras 2.9-2.11's print_summary algorithm (long
// "name (Class)" fields wrap after 27 characters, exactly as Keras wraps them).
#include <catch2/catch.hpp>

#include "cnnlab/host/model.hpp"

namespace {

using namespace cnnlab;

// A layer with a given name base, class, output shape and parameter sizes.
class Fixed final : public Layer {
 public:
  Fixed(std::string base, std::string cls, Shape output, int64_t trainable, int64_t frozen = 0)
      : base_(std::move(base)),
        class_(std::move(cls)),
        output_(std::move(output)),
        trainable_(trainable),
        frozen_(frozen) {}
  std::string type() const override { return base_; }
  std::string keras_class() const override { return class_; }
  std::string keras_name() const override { return base_; }
  Shape build(const Shape&, Rng&) override {
    if (trainable_) weights_.value = Tensor({trainable_});
    if (frozen_) statistics_.value = Tensor({frozen_});
    return output_;
  }
  std::vector<Parameter*> parameters() override {
    std::vector<Parameter*> params;
    if (trainable_) params.push_back(&weights_);
    if (frozen_) params.push_back(&statistics_);
    return params;
  }
  void forward(const Tensor& in, Tensor& out, const StepContext&) override { out = in; }
  void backward(const Tensor&, const Tensor&, const Tensor&, Tensor*) override {}

 private:
  std::string base_, class_;
  Shape output_;
  int64_t trainable_, frozen_;
  Parameter weights_{"kernel", {}, {}, true};
  Parameter statistics_{"moving_mean", {}, {}, false};
};

}  // namespace

TEST_CASE("model_summary prints Keras' table, wrapping long layer names like Keras") {
  Model model({32, 32, 3});
  model.add(std::make_shared<Fixed>("conv2d", "Conv2D", Shape{32, 32, 32}, 2432), 0);
  model.add(std::make_shared<Fixed>("batch_normalization", "BatchNormalization", Shape{32, 32, 32},
                                    64, 64),
            0);
  model.add(std::make_shared<Fixed>("max_pooling2d", "MaxPooling2D", Shape{16, 16, 32}, 0), 0);
  model.add(std::make_shared<Fixed>("dense", "Dense", Shape{1000}, 3137000), 0);
  const std::string expected =
      "Model: \"sequential\"\n"
      "_________________________________________________________________\n"
      " Layer (type)                Output Shape              Param #   \n"
      "=================================================================\n"
      " conv2d (Conv2D)             (None, 32, 32, 32)        2432      \n"
      "                                                                 \n"
      " batch_normalization (BatchN  (None, 32, 32, 32)       128       \n"
      " ormalization)                                                   \n"
      "                                                                 \n"
      " max_pooling2d (MaxPooling2D  (None, 16, 16, 32)       0         \n"
      " )                                                               \n"
      "                                                                 \n"
      " dense (Dense)               (None, 1000)              3137000   \n"
      "                                                                 \n"
      "=================================================================\n"
      "Total params: 3,139,560\n"
      "Trainable params: 3,139,496\n"
      "Non-trainable params: 64\n"
      "_________________________________________________________________\n";
  CHECK(model_summary(model) == expected);
}

TEST_CASE("model_summary takes a title and handles small totals") {
  Model model({10});
  model.add(std::make_shared<Fixed>("flatten", "Flatten", Shape{10}, 0), 0);
  const std::string text = model_summary(model, "probe");
  CHECK(text.rfind("Model: \"probe\"\n", 0) == 0);
  CHECK(text.find("\nTotal params: 0\nTrainable params: 0\nNon-trainable params: 0\n") !=
        std::string::npos);
}

TEST_CASE("thousands separators in the totals") {
  Model model({10});
  model.add(std::make_shared<Fixed>("dense", "Dense", Shape{10}, 999), 0);
  model.add(std::make_shared<Fixed>("dense", "Dense", Shape{10}, 1000000), 0);
  const std::string text = model_summary(model);
  CHECK(text.find("Total params: 1,000,999\n") != std::string::npos);
  CHECK(text.find(" dense_1 (Dense)             (None, 10)                1000000   \n") !=
        std::string::npos);
}

// The lecture's four models, built layer by layer from the plugin: Keras' model.summary()
// totals are the test vectors.
#include <catch2/catch.hpp>

#include "layer_fixture.hpp"

using cnnlab::test::build_stack;

namespace {
const std::string kConv = "conv2d kernel_size=5 padding=same activation=relu filters=";
const std::string kPool = "maxpool2d pool_size=2 strides=2";
}  // namespace

TEST_CASE("mnist_1ch has 60,062 parameters", "[layers][lecture]") {
  auto m = build_stack({28, 28, 1},
                       {kConv + "1", kPool, kConv + "1", kPool, "flatten",
                        "dense units=1000 activation=relu", "dense units=10 activation=softmax"});
  CHECK(m.trainable_params == 60062);
  CHECK(m.non_trainable_params == 0);
  CHECK(m.shapes[5] == cnnlab::Shape{49});
}

TEST_CASE("mnist_32_64 has 3,199,106 parameters", "[layers][lecture]") {
  auto m = build_stack({28, 28, 1},
                       {kConv + "32", kPool, kConv + "64", kPool, "flatten",
                        "dense units=1000 activation=relu", "dense units=10 activation=softmax"});
  CHECK(m.trainable_params == 3199106);
  CHECK(m.shapes[1] == cnnlab::Shape{28, 28, 32});
  CHECK(m.shapes[4] == cnnlab::Shape{7, 7, 64});
  CHECK(m.shapes[5] == cnnlab::Shape{3136});
  CHECK(m.shapes.back() == cnnlab::Shape{10});
}

TEST_CASE("cifar10_3conv has 145,578 parameters", "[layers][lecture]") {
  auto m = build_stack({32, 32, 3},
                       {kConv + "32", kPool, kConv + "32", kPool, kConv + "64", kPool, "flatten",
                        "dense units=64 activation=relu", "dense units=10 activation=softmax"});
  CHECK(m.trainable_params == 145578);
  CHECK(m.shapes[7] == cnnlab::Shape{1024});
}

TEST_CASE("cifar10_bn_dropout has 146,346 parameters, 384 non-trainable", "[layers][lecture]") {
  const std::string bn = "batchnorm", drop = "dropout rate=0.25";
  auto m = build_stack(
      {32, 32, 3},
      {kConv + "32", bn, kPool, drop, kConv + "32", bn, kPool, drop, kConv + "64", bn, kPool, drop,
       "flatten", "dense units=64 activation=relu", bn, drop, "dense units=10 activation=softmax"});
  CHECK(m.trainable_params + m.non_trainable_params == 146346);
  CHECK(m.non_trainable_params == 384);
}

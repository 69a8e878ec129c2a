// The exported file itself: every built-in layer type and option through OpenCV's DNN module
// (in-process, no dataset needed), the NHWC input with a dynamic batch, the metadata.
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "cnnlab/host/experiment.hpp"
#include "cnnlab/host/onnx_export.hpp"
#include "cnnlab/random.hpp"
#include "cnnlab/version.hpp"
#include "model_files.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

Model build(const std::string& layers, const Shape& input) {
  const std::string yaml =
      "name: m\nseed: 3\ndataset: {type: idx, path: .}\nmodel:\n  layers:\n" + layers;
  Model model = build_model_from_yaml(yaml, plugin_host(), input, "m");
  perturb_parameters(model, 11);
  return model;
}

Tensor random_batch(int64_t n, const Shape& sample) {
  std::vector<int64_t> dims{n};
  dims.insert(dims.end(), sample.begin(), sample.end());
  Tensor x(dims);
  Rng rng(static_cast<uint64_t>(n));
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(rng.uniform());
  return x;
}

// Largest |cnnlab - OpenCV| relative to max(1, |cnnlab|), over batches of 1 and 5 (the batch
// dimension is dynamic). Two float32 implementations differ by rounding only, ~1e-6 here.
double opencv_difference(Model& model, const std::string& path) {
  double worst = 0.0;
  for (int64_t n : {1, 5}) {
    const Tensor x = random_batch(n, model.input_shape());
    Tensor ours;
    model.predict_proba(x, ours);
    const Tensor theirs = run_onnx_with_opencv(path, x);
    REQUIRE(theirs.size() == ours.size());
    for (size_t i = 0; i < ours.size(); ++i)
      worst = std::max(worst, std::fabs(double(ours[i]) - theirs[i]) /
                                  std::max(1.0, std::fabs(double(ours[i]))));
  }
  return worst;
}

}  // namespace

TEST_CASE("every built-in layer type and option runs in OpenCV DNN as in cnnlab", "[onnx]") {
  // Odd image sides make Keras' `same` padding asymmetric (the odd pixel at bottom/right);
  // even kernels and strides above 1 are where Keras and ONNX's auto_pad would differ.
  const std::vector<std::pair<std::string, Shape>> models = {
      {"    - {type: conv2d, filters: 3, kernel_size: 3, padding: same, activation: relu}\n"
       "    - {type: conv2d, filters: 4, kernel_size: 2, strides: 2, padding: same,"
       " activation: sigmoid, use_bias: false}\n"
       "    - {type: conv2d, filters: 3, kernel_size: [3, 2], strides: [2, 1], activation: tanh}\n"
       "    - {type: maxpool2d, pool_size: 2, strides: 1, padding: same}\n"
       "    - {type: flatten}\n"
       "    - {type: dense, units: 6, activation: relu}\n"
       "    - {type: batchnorm}\n"
       "    - {type: dropout, rate: 0.5}\n"
       "    - {type: dense, units: 4, activation: softmax}\n",
       {11, 9, 2}},
      {"    - {type: conv2d, filters: 3, kernel_size: 4, strides: 3, padding: same}\n"
       "    - {type: batchnorm, epsilon: 0.01}\n"
       "    - {type: avgpool2d, pool_size: 3, strides: 2, padding: same}\n"
       "    - {type: activation, activation: relu}\n"
       "    - {type: maxpool2d, pool_size: 2}\n"
       "    - {type: avgpool2d, pool_size: 1}\n"
       "    - {type: activation, activation: softmax}\n"
       "    - {type: flatten}\n"
       "    - {type: dense, units: 5, activation: tanh, use_bias: false}\n"
       "    - {type: activation, activation: sigmoid}\n"
       "    - {type: dense, units: 3}\n",
       {13, 12, 3}},
      {"    - {type: dense, units: 7, activation: relu}\n"
       "    - {type: batchnorm}\n"
       "    - {type: dense, units: 3, activation: softmax}\n",
       {10}},
      // Augmentation layers are the identity at inference, random_crop a centre crop.
      {"    - {type: random_flip}\n"
       "    - {type: random_translation, height_factor: 0.1, width_factor: 0.1}\n"
       "    - {type: random_rotation, factor: 0.1}\n"
       "    - {type: random_zoom, height_factor: 0.1}\n"
       "    - {type: random_contrast, factor: 0.2}\n"
       "    - {type: random_brightness, factor: 0.2}\n"
       "    - {type: random_crop, height: 8, width: 7}\n"
       "    - {type: conv2d, filters: 4, kernel_size: 3, padding: same, activation: leaky_relu}\n"
       "    - {type: depthwise_conv2d, kernel_size: 3, strides: 2, padding: same,"
       " depth_multiplier: 2, activation: elu}\n"
       "    - {type: activation, activation: gelu}\n"
       "    - {type: activation, activation: swish}\n"
       "    - {type: globalavgpool2d}\n"
       "    - {type: dense, units: 3, activation: softmax}\n",
       {12, 10, 3}},
      {"    - {type: conv2d, filters: 3, kernel_size: 3, activation: swish}\n"
       "    - {type: depthwise_conv2d, kernel_size: 2, activation: gelu, use_bias: false}\n"
       "    - {type: globalmaxpool2d}\n"
       "    - {type: dense, units: 4, activation: softmax}\n",
       {9, 8, 2}}};
  // A built-in layer type added without a model here would have an untested ONNX form.
  for (const std::string& type : plugin_host().layer_types()) {
    INFO(type);
    CHECK(std::any_of(models.begin(), models.end(), [&](const auto& m) {
      return m.first.find("type: " + type + ",") != std::string::npos ||
             m.first.find("type: " + type + "}") != std::string::npos;
    }));
  }
  TempDir dir;
  for (const auto& [layers, input] : models) {
    INFO(layers);
    Model model = build(layers, input);
    write_onnx_model(dir.file("m.onnx"), model, {});
    CHECK(opencv_difference(model, dir.file("m.onnx")) <= 1e-4);
  }
}

TEST_CASE("a model that deferred its softmax exports it again", "[onnx]") {
  TempDir dir;
  Model model = build("    - {type: flatten}\n    - {type: dense, units: 4, activation: softmax}\n",
                      {3, 3, 1});
  REQUIRE(model.defer_final_softmax());
  write_onnx_model(dir.file("m.onnx"), model, {});
  CHECK(opencv_difference(model, dir.file("m.onnx")) <= 1e-4);
}

TEST_CASE("the ONNX file takes NHWC with a dynamic batch and names classes and version", "[onnx]") {
  Model model = build(
      "    - {type: conv2d, filters: 2, kernel_size: 3}\n    - {type: flatten}\n"
      "    - {type: dense, units: 2, activation: softmax}\n",
      {6, 5, 3});
  onnx::ModelProto proto;
  REQUIRE(proto.ParseFromString(onnx_model_bytes(model, {{"cat", "dog \"big\""}, 255.0f})));
  REQUIRE(proto.graph().input_size() == 1);
  const auto& input = proto.graph().input(0);
  CHECK(input.name() == "input");
  const auto& dims = input.type().tensor_type().shape().dim();
  REQUIRE(dims.size() == 4);
  CHECK(dims[0].dim_param() == "batch");
  CHECK(dims[1].dim_value() == 6);
  CHECK(dims[2].dim_value() == 5);
  CHECK(dims[3].dim_value() == 3);
  CHECK(proto.graph().output(0).name() == "probabilities");
  std::map<std::string, std::string> meta;
  for (const auto& entry : proto.metadata_props()) meta[entry.key()] = entry.value();
  CHECK(meta["cnnlab_version"] == version_string());
  CHECK(meta["class_names"] == R"(["cat", "dog \"big\""])");
  CHECK(meta["input_layout"] == "NHWC");
  CHECK(meta["input_scale"] == "255");
  // OpenCV 4.6 refuses Identity nodes fed by initializers (PLATFORM-NOTES): none are made.
  for (const auto& node : proto.graph().node()) CHECK(node.op_type() != "Identity");
}

#pragma once
// `cnnlab export`: a trained model as an ONNX file, and the independent check of that file
// with OpenCV's DNN module.
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/host/model.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab {

// What the ONNX file records besides the graph (metadata_props).
struct OnnxModelInfo {
  std::vector<std::string> class_names;
  float input_scale = 255.0f;  // pixels were divided by this before entering the network
};

// The model's inference graph (opset 13) as a serialized, checker-validated ONNX ModelProto.
// Input "input": {batch, H, W, C} float32 (NHWC, like cnnlab; batch is dynamic), already
// divided by input_scale; output "probabilities": {batch, ...} (softmax applied when the model
// outputs logits). Throws Error naming the first layer without an ONNX form.
CNNLAB_API std::string onnx_model_bytes(const Model& model, const OnnxModelInfo& info);

// onnx_model_bytes written atomically to `path` (Error naming the path when it cannot be).
CNNLAB_API void write_onnx_model(const std::string& path, const Model& model,
                                 const OnnxModelInfo& info);

// Runs the ONNX file at `path` with OpenCV's DNN module on `input` ({N, ...} as the model's
// input) and returns its output. DataError when OpenCV cannot read or run the file.
CNNLAB_API Tensor run_onnx_with_opencv(const std::string& path, const Tensor& input);

}  // namespace cnnlab

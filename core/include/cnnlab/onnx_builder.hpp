#pragma once
// What a layer sees of an ONNX graph while the model is exported (`cnnlab export`). cnnlab's
// own small interface, so no protobuf type reaches the public headers or a plugin.
//
// Layout contract: image tensors inside the graph are NCHW (what ONNX's Conv, pooling and
// BatchNormalization require); the exporter transposes the model's NHWC input once at the top.
// A layer whose math depends on the memory order (flatten) restores cnnlab's NHWC order itself.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab {

struct OnnxAttribute {
  std::string name;
  std::variant<int64_t, float, std::vector<int64_t>> value;
};

class CNNLAB_API OnnxBuilder {
 public:
  virtual ~OnnxBuilder();

  // A float32 initializer holding `value` (with value's dims); returns the graph name it got,
  // unique in the graph and prefixed with the layer's name.
  virtual std::string add_constant(const std::string& name, const Tensor& value) = 0;
  // A one-dimensional int64 initializer (shapes, pads, axes).
  virtual std::string add_int64_constant(const std::string& name,
                                         const std::vector<int64_t>& values) = 0;
  // One node of the standard domain (opset 13) with one output; returns the output's name.
  virtual std::string add_node(const std::string& op_type, const std::vector<std::string>& inputs,
                               const std::vector<OnnxAttribute>& attributes = {}) = 0;
};

}  // namespace cnnlab

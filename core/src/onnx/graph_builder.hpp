#pragma once
// OnnxBuilder over an onnx::GraphProto: what layers use to add their nodes during an export.
#include <onnx/onnx_pb.h>

#include <map>
#include <string>
#include <vector>

#include "cnnlab/onnx_builder.hpp"

namespace cnnlab::onnx_export {

class GraphBuilder final : public OnnxBuilder {
 public:
  explicit GraphBuilder(onnx::GraphProto& graph) : graph_(graph) {}

  // Names made from now on start with "<scope>/" (the layer being exported).
  void set_scope(const std::string& scope) { scope_ = scope; }

  std::string add_constant(const std::string& name, const Tensor& value) override;
  std::string add_int64_constant(const std::string& name,
                                 const std::vector<int64_t>& values) override;
  std::string add_node(const std::string& op_type, const std::vector<std::string>& inputs,
                       const std::vector<OnnxAttribute>& attributes = {}) override;

  // Renames the output `from` of the last node to `to` (the graph's output name).
  void rename_last_output(const std::string& from, const std::string& to);

 private:
  std::string unique_name(const std::string& base);

  onnx::GraphProto& graph_;
  std::string scope_;
  std::map<std::string, int> used_;
};

}  // namespace cnnlab::onnx_export

#include "graph_builder.hpp"

#include <type_traits>

#include "cnnlab/error.hpp"

namespace cnnlab::onnx_export {

std::string GraphBuilder::unique_name(const std::string& base) {
  const std::string name = scope_.empty() ? base : scope_ + "/" + base;
  const int seen = used_[name]++;
  return seen == 0 ? name : name + "_" + std::to_string(seen);
}

std::string GraphBuilder::add_constant(const std::string& name, const Tensor& value) {
  onnx::TensorProto* t = graph_.add_initializer();
  t->set_name(unique_name(name));
  t->set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : value.dims()) t->add_dims(d);
  // raw_data is little-endian float32, the layout of a Tensor on every platform cnnlab builds.
  t->set_raw_data(value.data(), value.size() * sizeof(float));
  return t->name();
}

std::string GraphBuilder::add_int64_constant(const std::string& name,
                                             const std::vector<int64_t>& values) {
  onnx::TensorProto* t = graph_.add_initializer();
  t->set_name(unique_name(name));
  t->set_data_type(onnx::TensorProto::INT64);
  t->add_dims(static_cast<int64_t>(values.size()));
  for (int64_t v : values) t->add_int64_data(v);
  return t->name();
}

std::string GraphBuilder::add_node(const std::string& op_type,
                                   const std::vector<std::string>& inputs,
                                   const std::vector<OnnxAttribute>& attributes) {
  onnx::NodeProto* node = graph_.add_node();
  node->set_op_type(op_type);
  node->set_name(unique_name(op_type));
  for (const std::string& in : inputs) node->add_input(in);
  node->add_output(node->name());
  for (const OnnxAttribute& a : attributes) {
    onnx::AttributeProto* attr = node->add_attribute();
    attr->set_name(a.name);
    std::visit(
        [attr](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, int64_t>) {
            attr->set_type(onnx::AttributeProto::INT);
            attr->set_i(v);
          } else if constexpr (std::is_same_v<T, float>) {
            attr->set_type(onnx::AttributeProto::FLOAT);
            attr->set_f(v);
          } else {
            attr->set_type(onnx::AttributeProto::INTS);
            for (int64_t i : v) attr->add_ints(i);
          }
        },
        a.value);
  }
  return node->output(0);
}

void GraphBuilder::rename_last_output(const std::string& from, const std::string& to) {
  if (graph_.node_size() == 0 || graph_.node(graph_.node_size() - 1).output(0) != from)
    throw Error("ONNX export: the model's output '" + from + "' is not made by its last node");
  graph_.mutable_node(graph_.node_size() - 1)->set_output(0, to);
}

}  // namespace cnnlab::onnx_export

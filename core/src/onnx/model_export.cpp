// The model as an ONNX graph: the NHWC input transposed once to the NCHW that ONNX's image
// operators require, each layer's own nodes (Layer::export_onnx), the softmax a training model
// deferred, and the class names and version in metadata_props.
#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include "../util/byte_io.hpp"
#include "../util/json_text.hpp"
#include "cnnlab/error.hpp"
#include "cnnlab/host/onnx_export.hpp"
#include "cnnlab/version.hpp"
#include "graph_builder.hpp"

namespace cnnlab {
namespace {

// Opset 13 is what OpenCV 4.6's importer runs (PLATFORM-NOTES); IR version 7 is its release.
constexpr int64_t kOpset = 13;
constexpr int64_t kIrVersion = 7;
constexpr const char* kInputName = "input";
constexpr const char* kOutputName = "probabilities";

void describe_value(onnx::ValueInfoProto* value, const std::string& name, const Shape& sample) {
  value->set_name(name);
  onnx::TypeProto_Tensor* type = value->mutable_type()->mutable_tensor_type();
  type->set_elem_type(onnx::TensorProto::FLOAT);
  onnx::TensorShapeProto* shape = type->mutable_shape();
  shape->add_dim()->set_dim_param("batch");
  for (int64_t d : sample) shape->add_dim()->set_dim_value(d);
}

bool is_image(const Shape& sample) { return sample.size() == 3; }

void add_metadata(onnx::ModelProto& proto, const std::string& key, const std::string& value) {
  onnx::StringStringEntryProto* entry = proto.add_metadata_props();
  entry->set_key(key);
  entry->set_value(value);
}

std::string json_array(const std::vector<std::string>& items) {
  std::string text = "[";
  for (size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + json_quote(items[i]);
  return text + "]";
}

// Adds every layer's nodes; returns the name of the graph's last tensor.
std::string add_layers(const Model& model, onnx_export::GraphBuilder& builder) {
  std::string current = kInputName;
  if (is_image(model.input_shape()))
    current =
        builder.add_node("Transpose", {current}, {{"perm", std::vector<int64_t>{0, 3, 1, 2}}});
  const auto& layers = model.layers();
  for (size_t i = 0; i < layers.size(); ++i) {
    builder.set_scope(layers[i].name);
    const auto output = layers[i].layer->export_onnx(builder, current);
    if (!output)
      throw Error("cannot export layer " + std::to_string(i + 1) + " '" + layers[i].name +
                  "' (type '" + layers[i].layer->type() +
                  "'): its plugin gives it no ONNX form (Layer::export_onnx)");
    current = *output;
  }
  builder.set_scope("output");
  if (model.outputs_logits())
    current = builder.add_node("Softmax", {current}, {{"axis", int64_t{1}}});
  if (is_image(model.output_shape()))
    current =
        builder.add_node("Transpose", {current}, {{"perm", std::vector<int64_t>{0, 2, 3, 1}}});
  return current;
}

}  // namespace

std::string onnx_model_bytes(const Model& model, const OnnxModelInfo& info) {
  onnx::ModelProto proto;
  proto.set_ir_version(kIrVersion);
  proto.set_producer_name("cnnlab");
  proto.set_producer_version(version_string());
  proto.add_opset_import()->set_version(kOpset);
  add_metadata(proto, "cnnlab_version", version_string());
  add_metadata(proto, "class_names", json_array(info.class_names));
  add_metadata(proto, "input_layout", "NHWC");
  add_metadata(proto, "input_scale", json_number(info.input_scale));

  onnx::GraphProto* graph = proto.mutable_graph();
  graph->set_name("cnnlab");
  describe_value(graph->add_input(), kInputName, model.input_shape());
  onnx_export::GraphBuilder builder(*graph);
  const std::string last = add_layers(model, builder);
  if (last == kInputName)  // a model of identities only
    builder.add_node("Identity", {last});
  builder.rename_last_output(graph->node(graph->node_size() - 1).output(0), kOutputName);
  describe_value(graph->add_output(), kOutputName, model.output_shape());

  try {
    onnx::checker::check_model(proto);
  } catch (const std::exception& e) {
    throw Error("the ONNX checker refused the exported model (a bug in a layer's export): " +
                std::string(e.what()));
  }
  std::string bytes;
  if (!proto.SerializeToString(&bytes))
    throw Error("the exported ONNX model is too large for protobuf (2 GiB)");
  return bytes;
}

void write_onnx_model(const std::string& path, const Model& model, const OnnxModelInfo& info) {
  bytes::write_file_atomically(path, onnx_model_bytes(model, info), "ONNX model");
}

}  // namespace cnnlab

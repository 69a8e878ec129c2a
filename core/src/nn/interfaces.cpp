// Out-of-line key functions: one vtable and typeinfo per interface, in libcnnlab, shared by
// every plugin (dynamic_cast and exceptions across the plugin boundary rely on it).
#include "cnnlab/dataset.hpp"
#include "cnnlab/error.hpp"
#include "cnnlab/layer.hpp"
#include "cnnlab/onnx_builder.hpp"
#include "cnnlab/optimizer.hpp"

namespace cnnlab {

Layer::~Layer() = default;
std::vector<Parameter*> Layer::parameters() { return {}; }
bool Layer::defer_softmax() { return false; }
std::optional<std::string> Layer::export_onnx(OnnxBuilder&, const std::string&) const {
  return std::nullopt;
}
OnnxBuilder::~OnnxBuilder() = default;

Optimizer::~Optimizer() = default;
bool Optimizer::can_save_state() const { return false; }
OptimizerState Optimizer::save_state() const {
  throw Error("optimizer '" + type() + "' cannot save its state");
}
void Optimizer::load_state(const OptimizerState&) {
  throw Error("optimizer '" + type() + "' cannot load a saved state");
}
Dataset::~Dataset() = default;

}  // namespace cnnlab

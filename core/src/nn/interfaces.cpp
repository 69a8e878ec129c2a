// Out-of-line key functions: one vtable and typeinfo per interface, in libcnnlab, shared by
// every plugin (dynamic_cast and exceptions across the plugin boundary rely on it).
#include "cnnlab/dataset.hpp"
#include "cnnlab/layer.hpp"
#include "cnnlab/optimizer.hpp"

namespace cnnlab {

Layer::~Layer() = default;
std::vector<Parameter*> Layer::parameters() { return {}; }
bool Layer::defer_softmax() { return false; }

Optimizer::~Optimizer() = default;
Dataset::~Dataset() = default;

}  // namespace cnnlab

#include "cnnlab/error.hpp"
#include "cnnlab/host/visualize.hpp"

namespace cnnlab {

const Model::Entry& find_layer(const Model& model, const std::string& name) {
  std::string names;
  for (const auto& entry : model.layers()) {
    if (entry.name == name) return entry;
    names += (names.empty() ? "" : ", ") + entry.name;
  }
  throw ConfigError("the model has no layer " + quoted(name) + " (its layers: " + names + ")");
}

}  // namespace cnnlab

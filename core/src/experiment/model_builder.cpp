// From a resolved spec to a Model: the plugins make the layers, the model builds them.
#include <algorithm>

#include "experiment_detail.hpp"

namespace cnnlab {

Shape resolve_input_shape(const ExperimentSpec& spec, const PluginHost& host) {
  if (spec.model.input_shape) return *spec.model.input_shape;
  const DatasetSpec& dataset = spec.dataset;
  const auto types = host.dataset_types();
  if (std::find(types.begin(), types.end(), dataset.type) == types.end()) {
    const std::string hint = closest_match(dataset.type, types);
    throw ConfigError(spec.model.location,
                      "model.input_shape is required (dataset plugin '" + dataset.type +
                          "' not found" + (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                          ")");
  }
  const Config cfg(dataset.config, "dataset '" + dataset.type + "'", spec.base_dir);
  DatasetContext context;
  context.seed = spec.seed;
  const auto source = host.make_dataset(dataset.type, cfg, context, dataset.type_location);
  try {
    Shape shape = source->info().input_shape;
    if (shape.empty()) throw DataError("it reports no input shape");
    return shape;
  } catch (const DataError& e) {
    throw DataError(spec.model.location.str() +
                    ": model.input_shape is not given and the dataset cannot tell it: " +
                    e.what());
  }
}

Model build_model(const ExperimentSpec& spec, const PluginHost& host, const Shape& input_shape) {
  Model model(input_shape);
  for (const LayerSpec& layer : spec.model.layers) {
    const Config cfg(layer.config, "layer '" + layer.type + "'", spec.base_dir);
    auto made = host.make_layer(layer.type, cfg, layer.type_location);
    try {
      model.add(std::move(made), spec.seed, layer.name);
    } catch (const ShapeError& e) {
      throw ConfigError(layer.location, e.what());
    } catch (const ConfigError& e) {
      throw ConfigError(layer.location, e.what());
    }
  }
  return model;
}

Model build_model_from_yaml(const std::string& resolved_yaml, const PluginHost& host,
                            const Shape& input_shape, const std::string& origin) {
  const ExperimentSpec spec = parse_experiment(resolved_yaml, origin, ".");
  return build_model(spec, host, input_shape);
}

}  // namespace cnnlab

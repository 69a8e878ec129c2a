// From a resolved spec to the objects a run needs, made by the plugins: the model (whose
// layers the plugins make and the model builds), the dataset and the optimizer.
#include <algorithm>
#include <new>

#include "experiment_detail.hpp"

namespace cnnlab {

std::shared_ptr<Dataset> make_dataset_for(const ExperimentSpec& spec, const PluginHost& host) {
  const DatasetSpec& dataset = spec.dataset;
  const Config cfg(dataset.config, "dataset '" + dataset.type + "'", spec.base_dir);
  DatasetContext context;
  context.seed = spec.seed;
  return host.make_dataset(dataset.type, cfg, context, dataset.type_location);
}

std::shared_ptr<Optimizer> make_optimizer_for(const ExperimentSpec& spec, const PluginHost& host) {
  const PluginSpec& optimizer = spec.training.optimizer;
  const Config cfg(optimizer.config, "optimizer '" + optimizer.type + "'", spec.base_dir);
  return host.make_optimizer(optimizer.type, cfg, optimizer.type_location);
}

std::vector<std::string> check_dataset_and_optimizer(const ExperimentSpec& spec,
                                                     const PluginHost& host) {
  std::vector<std::string> notes;
  if (host.dataset_types().empty())
    notes.push_back("no dataset plugin loaded: dataset '" + spec.dataset.type + "' not checked");
  else
    make_dataset_for(spec, host);
  if (host.optimizer_types().empty())
    notes.push_back("no optimizer plugin loaded: optimizer '" + spec.training.optimizer.type +
                    "' not checked");
  else
    make_optimizer_for(spec, host);
  return notes;
}

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
  const auto source = make_dataset_for(spec, host);
  try {
    Shape shape = source->info().input_shape;
    if (shape.empty()) throw DataError("it reports no input shape");
    return shape;
  } catch (const DataError& e) {
    throw DataError(spec.model.location.str() +
                    ": model.input_shape is not given and the dataset cannot tell it: " + e.what());
  }
}

namespace {

// kernel_regularizer acts on a trainable parameter named "kernel" (conv2d, dense,
// depthwise_conv2d and plugins that follow the naming).
void require_kernel(Layer& layer, const LayerSpec& spec) {
  for (const Parameter* p : layer.parameters())
    if (p->name == "kernel" && p->trainable) return;
  throw ConfigError("layer '" + spec.type + "' has no kernel for its kernel_regularizer to act on");
}

}  // namespace

Model build_model(const ExperimentSpec& spec, const PluginHost& host, const Shape& input_shape) {
  Model model(input_shape);
  for (const LayerSpec& layer : spec.model.layers) {
    const Config cfg(layer.config, "layer '" + layer.type + "'", spec.base_dir);
    auto made = host.make_layer(layer.type, cfg, layer.type_location);
    try {
      model.add(std::move(made), spec.seed, layer.name);
      if (layer.kernel_regularizer) require_kernel(*model.layers().back().layer, layer);
    } catch (const ShapeError& e) {
      throw ConfigError(layer.location, e.what());
    } catch (const ConfigError& e) {
      throw ConfigError(layer.location, e.what());
    } catch (const std::bad_alloc&) {
      // Sizes a layer takes from the file (units: 2000000000) are allocated here.
      throw ConfigError(layer.location,
                        "layer '" + layer.type + "': not enough memory for its parameters (" +
                            shape_to_string(model.output_shape()) + " in; are its sizes right?)");
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

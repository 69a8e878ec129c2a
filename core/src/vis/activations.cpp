#include <algorithm>
#include <cstdio>

#include "cnnlab/error.hpp"
#include "cnnlab/host/visualize.hpp"
#include "input_tile.hpp"
#include "layer_trace.hpp"
#include "sheet.hpp"

namespace cnnlab {

namespace {

constexpr int kInputPx = 112;
constexpr int kMapPx = 48;

bool is_conv_or_pool(const Layer& layer) {
  const std::string t = layer.type();
  return t == "conv2d" || t == "maxpool2d" || t == "avgpool2d";
}

std::vector<size_t> chosen_layers(const Model& model, const std::vector<std::string>& names) {
  std::vector<size_t> chosen;
  const auto& layers = model.layers();
  if (names.empty()) {
    for (size_t i = 0; i < layers.size(); ++i)
      if (is_conv_or_pool(*layers[i].layer)) chosen.push_back(i);
    if (chosen.empty()) throw ConfigError("the model has no conv or pooling layer to show");
    return chosen;
  }
  for (const auto& name : names) {
    const Model::Entry& entry = find_layer(model, name);
    if (entry.output_shape.size() != 3)
      throw ConfigError("layer " + quoted(name) + " (" + entry.layer->keras_class() + ") outputs " +
                        shape_to_string(entry.output_shape) + ", not feature maps");
    chosen.push_back(static_cast<size_t>(&entry - layers.data()));
  }
  return chosen;
}

vis::Section feature_maps(const Model::Entry& entry, const Tensor& output) {
  const int h = static_cast<int>(output.dim(1)), w = static_cast<int>(output.dim(2));
  const int channels = static_cast<int>(output.dim(3));
  const auto [lo, hi] = vis::value_range(output.data(), output.size());
  char range[64];
  std::snprintf(range, sizeof range, "one colour scale for the layer: %.3g to %.3g", lo, hi);
  vis::Section s;
  s.title = entry.name + " (" + entry.layer->keras_class() + ") " +
            shape_to_string(entry.output_shape) + ": " + std::to_string(channels) +
            " feature maps, " + range;
  s.cols = std::min(channels, vis::kWideGridColumns);
  for (int c = 0; c < channels; ++c) {
    s.tiles.push_back(vis::enlarged(
        vis::viridis(vis::gray_plane(output.data() + c, h, w, channels, lo, hi)), kMapPx));
    s.captions.push_back(std::to_string(c));
  }
  return s;
}

}  // namespace

Picture draw_activations(const Model& model, const Tensor& image,
                         const std::vector<std::string>& layers,
                         const std::vector<std::string>& class_names) {
  vis::check_single_image(image, model.input_shape());
  const std::vector<size_t> chosen = chosen_layers(model, layers);
  const std::vector<Tensor> outputs = vis::trace_forward(model, image);
  vis::Sheet sheet("feature maps: what each layer's filters respond to in this image");
  vis::Section input;
  input.title = "input " + shape_to_string(model.input_shape()) + " as the model sees it";
  input.tiles.push_back(vis::input_tile(image, kInputPx));
  input.notes.push_back("predicted:");
  for (const auto& line :
       vis::top_class_lines(vis::class_probabilities(model, outputs.back()), class_names, 3))
    input.notes.push_back("  " + line);
  sheet.add(std::move(input));
  for (size_t i : chosen) sheet.add(feature_maps(model.layers()[i], outputs[i]));
  return sheet.render();
}

}  // namespace cnnlab

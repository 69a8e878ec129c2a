// The learned kernels of a conv layer: HWIO {kh, kw, in, filters} in the layer's "kernel".
#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <string>

#include "cnnlab/error.hpp"
#include "cnnlab/host/visualize.hpp"
#include "sheet.hpp"

namespace cnnlab {

namespace {

constexpr int kTilePx = 40;

const Model::Entry& conv_layer(const Model& model, const std::string& name) {
  if (!name.empty()) {
    const Model::Entry& entry = find_layer(model, name);
    if (entry.layer->type() != "conv2d")
      throw ConfigError("layer " + quoted(name) + " is a " + entry.layer->keras_class() +
                        ", not a Conv2D: only conv layers have filters to show");
    return entry;
  }
  for (const auto& entry : model.layers())
    if (entry.layer->type() == "conv2d") return entry;
  throw ConfigError("the model has no Conv2D layer, so no filters to show");
}

const Tensor& kernel_of(const Model::Entry& entry) {
  for (const Parameter* p : entry.layer->parameters())
    if (p->name == "kernel" && p->value.rank() == 4) return p->value;
  throw Error("layer " + quoted(entry.name) + " has no 4-D kernel");
}

// Channel `c` of filter `f` (or, with c < 0, the mean over input channels) as a plane.
std::vector<float> plane(const Tensor& k, int64_t f, int64_t c) {
  const int64_t area = k.dim(0) * k.dim(1), in = k.dim(2), filters = k.dim(3);
  std::vector<float> out(static_cast<size_t>(area));
  for (int64_t p = 0; p < area; ++p) {
    const float* at = k.data() + p * in * filters + f;
    if (c >= 0) {
      out[p] = at[c * filters];
      continue;
    }
    double sum = 0.0;
    for (int64_t i = 0; i < in; ++i) sum += at[i * filters];
    out[p] = static_cast<float>(sum / static_cast<double>(in));
  }
  return out;
}

cv::Mat gray_tile(const std::vector<float>& values, int kh, int kw) {
  const auto [lo, hi] = vis::value_range(values.data(), values.size());
  cv::Mat bgr;
  cv::cvtColor(vis::gray_plane(values.data(), kh, kw, 1, lo, hi), bgr, cv::COLOR_GRAY2BGR);
  return vis::enlarged(bgr, kTilePx);
}

// Filter f's three input channels as RGB, normalised together so hues stay comparable.
cv::Mat colour_tile(const Tensor& k, int64_t f) {
  const int kh = static_cast<int>(k.dim(0)), kw = static_cast<int>(k.dim(1));
  std::vector<float> rgb;
  for (int64_t p = 0; p < kh * kw; ++p)
    for (int64_t c = 0; c < 3; ++c) rgb.push_back(k[(p * 3 + c) * k.dim(3) + f]);
  const auto [lo, hi] = vis::value_range(rgb.data(), rgb.size());
  std::vector<cv::Mat> channels;
  for (int c = 2; c >= 0; --c)
    channels.push_back(vis::gray_plane(rgb.data() + c, kh, kw, 3, lo, hi));
  cv::Mat bgr;
  cv::merge(channels, bgr);
  return vis::enlarged(bgr, kTilePx);
}

}  // namespace

Picture draw_filters(const Model& model, const std::string& layer, FilterView view) {
  const Model::Entry& entry = conv_layer(model, layer);
  const Tensor& k = kernel_of(entry);
  const int kh = static_cast<int>(k.dim(0)), kw = static_cast<int>(k.dim(1));
  const int64_t in = k.dim(2), filters = k.dim(3);
  const bool colour = in == 3 && &entry == &model.layers().front();
  const std::string kernel = "kernel " + std::to_string(kh) + "x" + std::to_string(kw) + "x" +
                             std::to_string(in) + ", " + std::to_string(filters) + " filters";
  vis::Sheet sheet(entry.name + " (" + entry.layer->keras_class() + ") " +
                   shape_to_string(entry.output_shape) + ": " + kernel);
  vis::Section s;
  if (colour || in == 1 || view == FilterView::mean) {
    s.title = colour    ? "one tile per filter, its 3 input channels as RGB, each tile normalised"
              : in == 1 ? "one tile per filter, each tile normalised"
                        : "one tile per filter: the mean over its " + std::to_string(in) +
                              " input channels, each tile normalised";
    s.cols = static_cast<int>(std::min<int64_t>(filters, vis::kWideGridColumns));
    for (int64_t f = 0; f < filters; ++f) {
      s.tiles.push_back(colour ? colour_tile(k, f) : gray_tile(plane(k, f, -1), kh, kw));
      s.captions.push_back(std::to_string(f));
    }
  } else {
    s.title = "a row per filter, a tile per input channel (" + std::to_string(in) +
              "), each tile normalised";
    s.cols = static_cast<int>(in);
    for (int64_t f = 0; f < filters; ++f)
      for (int64_t c = 0; c < in; ++c) s.tiles.push_back(gray_tile(plane(k, f, c), kh, kw));
  }
  sheet.add(std::move(s));
  return sheet.render();
}

}  // namespace cnnlab

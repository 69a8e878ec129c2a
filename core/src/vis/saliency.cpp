#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "cnnlab/host/visualize.hpp"
#include "input_tile.hpp"
#include "layer_trace.hpp"
#include "sheet.hpp"

namespace cnnlab {

namespace {

constexpr int kTilePx = 168;

}  // namespace

Saliency input_saliency(const Model& model, const Tensor& image) {
  vis::check_single_image(image, model.input_shape());
  const std::vector<Tensor> outputs = vis::trace_forward(model, image);
  Saliency s;
  s.probabilities = vis::class_probabilities(model, outputs.back());
  const auto& p = s.probabilities;
  s.top_class = static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
  // The score is the logit: the softmax would mix in every other class's score.
  Tensor pick(outputs.back().dims());
  pick[static_cast<size_t>(s.top_class)] = 1.0f;
  const Tensor grad = vis::input_gradient(model, image, outputs, pick);
  const int64_t h = image.dim(1), w = image.dim(2), c = image.dim(3);
  s.map = Tensor({h, w});
  for (int64_t i = 0; i < h * w; ++i)
    for (int64_t ch = 0; ch < c; ++ch) s.map[i] = std::max(s.map[i], std::fabs(grad[i * c + ch]));
  return s;
}

Picture draw_saliency(const Model& model, const Tensor& image,
                      const std::vector<std::string>& class_names) {
  const Saliency s = input_saliency(model, image);
  const int h = static_cast<int>(image.dim(1)), w = static_cast<int>(image.dim(2));
  const float largest = *std::max_element(s.map.data(), s.map.data() + s.map.size());
  cv::Mat heat = vis::viridis(vis::gray_plane(s.map.data(), h, w, 1, 0.0f, largest));
  heat = vis::enlarged(heat, kTilePx);
  const cv::Mat picture = vis::input_tile(image, kTilePx);
  cv::Mat gray, overlay;
  cv::cvtColor(picture, gray, cv::COLOR_BGR2GRAY);
  cv::cvtColor(gray, gray, cv::COLOR_GRAY2BGR);
  cv::addWeighted(gray, 0.45, heat, 0.55, 0.0, overlay);
  const std::string name = static_cast<size_t>(s.top_class) < class_names.size()
                               ? class_names[static_cast<size_t>(s.top_class)]
                               : std::to_string(s.top_class);
  vis::Sheet sheet("saliency: |d score(" + name +
                   ") / d pixel|, which pixels the decision rests on");
  vis::Section section;
  section.title = "input, saliency (0 dark to largest bright, viridis), overlay";
  section.tiles = {picture, heat, overlay};
  section.captions = {"input", "saliency", "overlay"};
  section.cols = 3;
  section.notes.push_back("predicted:");
  for (const auto& line : vis::top_class_lines(s.probabilities, class_names, 3))
    section.notes.push_back("  " + line);
  sheet.add(std::move(section));
  return sheet.render();
}

}  // namespace cnnlab

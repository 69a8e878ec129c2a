#include "vis_support.hpp"

#include <opencv2/imgcodecs.hpp>

#include "cnnlab/host/experiment.hpp"
#include "cnnlab/random.hpp"
#include "synthetic_data.hpp"
#include "test_support.hpp"

namespace cnnlab::test {

Model model_of(const std::vector<std::string>& layers, const Shape& input, uint64_t seed) {
  std::string yaml =
      "name: m\nseed: " + std::to_string(seed) + "\ndataset: {type: idx}\nmodel:\n  layers:\n";
  for (const auto& l : layers) yaml += "    - " + l + "\n";
  Model model = build_model_from_yaml(yaml, plugin_host(), input, "test");
  model.defer_final_softmax();
  return model;
}

Tensor random_image(const Shape& input, uint64_t seed) {
  Tensor image({1, input[0], input[1], input[2]});
  Rng rng(seed);
  for (size_t i = 0; i < image.size(); ++i) image[i] = static_cast<float>(rng.uniform());
  return image;
}

ImageSet stroke_set(int count, uint64_t seed) {
  const SyntheticImages s = make_strokes(count, seed);
  ImageSet set;
  set.height = set.width = s.size;
  set.channels = 1;
  set.pixels = s.pixels;
  set.labels.assign(s.labels.begin(), s.labels.end());
  return set;
}

cv::Mat decoded(const Picture& picture) {
  return cv::imdecode(cv::Mat(1, static_cast<int>(picture.png.size()), CV_8UC1,
                              const_cast<uint8_t*>(picture.png.data())),
                      cv::IMREAD_COLOR);
}

bool varied(const cv::Mat& image, const cv::Rect& area) {
  const cv::Mat part = image(area);
  const cv::Vec3b first = part.at<cv::Vec3b>(0, 0);
  for (int y = 0; y < part.rows; ++y)
    for (int x = 0; x < part.cols; ++x)
      if (part.at<cv::Vec3b>(y, x) != first) return true;
  return false;
}

cv::Rect tile_rect(const PictureGrid& grid, int64_t i) {
  return {grid.x + static_cast<int>(i % grid.cols) * grid.pitch_x,
          grid.y + static_cast<int>(i / grid.cols) * grid.pitch_y, grid.tile_width,
          grid.tile_height};
}

}  // namespace cnnlab::test

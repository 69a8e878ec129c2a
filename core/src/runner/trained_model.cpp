#include "cnnlab/host/trained_model.hpp"

#include <algorithm>
#include <numeric>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "cnnlab/error.hpp"
#include "cnnlab/host/experiment.hpp"
#include "cnnlab/image_check.hpp"

namespace cnnlab {

TrainedModel load_trained_model(const std::string& path, const PluginHost& host) {
  ModelFile file = read_model_file(path);
  Model model = build_model_from_yaml(file.architecture_yaml, host, file.input_shape, path);
  load_weights(model, file, path);
  // A valid checksum does not make the names fit the model: predictions would name no class.
  if (model.output_shape() != Shape{static_cast<int64_t>(file.class_names.size())})
    throw DataError(
        path + ": not a usable cnnlab model file: " + std::to_string(file.class_names.size()) +
        " class names for a model whose output is " + shape_to_string(model.output_shape()));
  model.defer_final_softmax();
  return TrainedModel{std::move(file), std::move(model)};
}

Tensor load_images_as_input(const std::vector<std::string>& paths, const Shape& input_shape,
                            float scale) {
  if (input_shape.size() != 3)
    throw DataError("the model does not take images (input shape " + shape_to_string(input_shape) +
                    ")");
  const int h = static_cast<int>(input_shape[0]), w = static_cast<int>(input_shape[1]);
  const int c = static_cast<int>(input_shape[2]);
  if (c != 1 && c != 3)
    throw DataError("the model takes images with " + std::to_string(c) +
                    " channels; only 1 (gray) and 3 (RGB) can be read from image files");
  Tensor batch({static_cast<int64_t>(paths.size()), h, w, c});
  const size_t per_image = static_cast<size_t>(h) * w * c;
  for (size_t i = 0; i < paths.size(); ++i) {
    if (const std::string refusal = image_decode_refusal(paths[i]); !refusal.empty())
      throw DataError(paths[i] + ": cannot read this image: " + refusal);
    cv::Mat image;
    try {
      DecoderMessagesSilenced silenced;
      image = cv::imread(paths[i], c == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
    } catch (const cv::Exception&) {
      // A header the check above took for sane that the decoder then refuses: no image.
    }
    if (image.empty()) throw DataError(paths[i] + ": cannot read this image");
    if (c == 3) cv::cvtColor(image, image, cv::COLOR_BGR2RGB);
    if (image.rows != h || image.cols != w) {
      const bool shrinking = image.rows > h || image.cols > w;
      cv::resize(image, image, cv::Size(w, h), 0, 0, shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
    }
    if (!image.isContinuous()) image = image.clone();
    float* out = batch.data() + i * per_image;
    for (size_t k = 0; k < per_image; ++k) out[k] = static_cast<float>(image.data[k]) / scale;
  }
  return batch;
}

std::vector<ClassGuess> top_classes(const Tensor& probabilities, size_t row, size_t k) {
  const size_t classes = static_cast<size_t>(probabilities.dim(1));
  const float* p = probabilities.data() + row * classes;
  std::vector<size_t> order(classes);
  std::iota(order.begin(), order.end(), size_t{0});
  k = std::min(k, classes);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                    [&](size_t a, size_t b) { return p[a] > p[b] || (p[a] == p[b] && a < b); });
  std::vector<ClassGuess> out;
  for (size_t i = 0; i < k; ++i) out.push_back({static_cast<int>(order[i]), p[order[i]]});
  return out;
}

}  // namespace cnnlab

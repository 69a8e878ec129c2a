#include "batch.hpp"

#include <string>

#include "cnnlab/error.hpp"
#include "cnnlab/host/loss.hpp"
#include "cnnlab/parallel.hpp"

namespace cnnlab::train {

namespace {
// Images per parallel chunk: a 28x28 image is under a microsecond of work.
constexpr int64_t kImageGrain = 32;
}  // namespace

int check_model_fits(const Model& model, const ImageSet& images) {
  const Shape image_shape{images.height, images.width, images.channels};
  if (model.input_shape() != image_shape) {
    throw ShapeError("the images are " + shape_to_string(image_shape) + " but the model expects " +
                     shape_to_string(model.input_shape()));
  }
  const Shape& out = model.output_shape();
  if (out.size() != 1 || out[0] < 1) {
    throw ShapeError("the model must end in a vector of class scores, but its output is " +
                     shape_to_string(out));
  }
  return static_cast<int>(out[0]);
}

void gather_batch(const ImageSet& images, const IndexList& order, size_t begin, size_t end,
                  float scale, Tensor& x, std::vector<int32_t>& labels) {
  const auto count = static_cast<int64_t>(end - begin);
  x.resize({count, images.height, images.width, images.channels});
  labels.resize(static_cast<size_t>(count));
  const size_t bytes = images.image_bytes();
  for (int64_t i = 0; i < count; ++i) {
    const size_t index = order[begin + static_cast<size_t>(i)];
    if (index >= images.size()) {
      throw DataError("sample index " + std::to_string(index) + " is outside the " +
                      std::to_string(images.size()) + " images of the split");
    }
    labels[static_cast<size_t>(i)] = images.labels[index];
  }
  parallel_for(0, count, kImageGrain, [&](int64_t first, int64_t last) {
    for (int64_t i = first; i < last; ++i) {
      const uint8_t* src = images.image(order[begin + static_cast<size_t>(i)]);
      float* dst = x.data() + static_cast<size_t>(i) * bytes;
      for (size_t j = 0; j < bytes; ++j) dst[j] = static_cast<float>(src[j]) / scale;
    }
  });
}

double batch_loss(const Model& model, const Tensor& outputs, const std::vector<int32_t>& labels,
                  Tensor* grad, double label_smoothing) {
  return model.outputs_logits() ? softmax_cross_entropy(outputs, labels, grad, label_smoothing)
                                : probability_cross_entropy(outputs, labels, grad, label_smoothing);
}

}  // namespace cnnlab::train

// evaluate() of trainer.hpp.
#include <algorithm>
#include <limits>

#include "batch.hpp"
#include "cnnlab/error.hpp"
#include "cnnlab/host/trainer.hpp"

namespace cnnlab {

Evaluation evaluate(Model& model, const SampleView& samples, int batch_size, float scale) {
  if (batch_size < 1) throw ConfigError("batch_size must be >= 1");
  if (!(scale > 0.0f)) throw ConfigError("the input scale must be positive");
  Evaluation result;
  if (samples.empty() || !samples.images) {
    result.loss = result.accuracy = std::numeric_limits<double>::quiet_NaN();
    return result;
  }
  const int classes = train::check_model_fits(model, *samples.images);
  result.confusion = ConfusionMatrix(classes);

  Tensor x;
  std::vector<int32_t> labels;
  double loss_sum = 0.0;
  const size_t n = samples.size();
  for (size_t begin = 0; begin < n; begin += static_cast<size_t>(batch_size)) {
    const size_t end = std::min(n, begin + static_cast<size_t>(batch_size));
    train::gather_batch(*samples.images, samples.indices, begin, end, scale, x, labels);
    const Tensor& outputs = model.forward(x, false);
    loss_sum +=
        train::batch_loss(model, outputs, labels, nullptr) * static_cast<double>(end - begin);
    result.confusion.add(outputs, labels);
  }
  result.samples = n;
  result.loss = loss_sum / static_cast<double>(n);
  result.accuracy = result.confusion.accuracy();
  result.per_class_accuracy = result.confusion.per_class_accuracy();
  return result;
}

}  // namespace cnnlab

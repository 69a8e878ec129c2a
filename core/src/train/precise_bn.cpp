#include "cnnlab/host/precise_bn.hpp"

#include <algorithm>

namespace cnnlab {

namespace {

struct MovingStatistics {
  Parameter* mean = nullptr;
  Parameter* variance = nullptr;
};

MovingStatistics statistics_of(Layer& layer) {
  MovingStatistics s;
  for (Parameter* p : layer.parameters()) {
    if (p->name == "moving_mean") s.mean = p;
    if (p->name == "moving_variance") s.variance = p;
  }
  return s;
}

// Mean and biased variance per channel (the last axis) over every row of every input. Sums
// of values shifted by the first row keep the one-pass variance exact enough in double.
void set_population_statistics(const std::vector<Tensor>& inputs, MovingStatistics s) {
  const size_t channels = s.mean->value.size();
  std::vector<double> shift(channels, 0.0), sum(channels, 0.0), squares(channels, 0.0);
  bool shifted = false;
  double rows = 0.0;
  for (const Tensor& in : inputs) {
    const size_t n = in.size() / channels;
    if (n > 0 && !shifted) {
      for (size_t c = 0; c < channels; ++c) shift[c] = in[c];
      shifted = true;
    }
    for (size_t r = 0; r < n; ++r)
      for (size_t c = 0; c < channels; ++c) {
        const double d = in[r * channels + c] - shift[c];
        sum[c] += d;
        squares[c] += d * d;
      }
    rows += static_cast<double>(n);
  }
  if (rows == 0.0) return;
  for (size_t c = 0; c < channels; ++c) {
    const double mean = sum[c] / rows;
    s.mean->value[c] = static_cast<float>(shift[c] + mean);
    s.variance->value[c] = static_cast<float>(std::max(0.0, squares[c] / rows - mean * mean));
  }
}

}  // namespace

void recompute_batchnorm_statistics(Model& model, const std::vector<Tensor>& batches) {
  const auto& layers = model.layers();
  size_t last_bn = layers.size();
  for (size_t i = 0; i < layers.size(); ++i) {
    const MovingStatistics s = statistics_of(*layers[i].layer);
    if (s.mean && s.variance) last_bn = i;
  }
  if (last_bn == layers.size()) return;

  std::vector<Tensor> activations = batches;
  Tensor out;
  const StepContext inference;
  for (size_t i = 0; i <= last_bn; ++i) {
    Layer& layer = *layers[i].layer;
    const MovingStatistics s = statistics_of(layer);
    if (s.mean && s.variance) set_population_statistics(activations, s);
    if (i == last_bn) break;
    for (Tensor& a : activations) {
      layer.forward(a, out, inference);
      std::swap(a, out);
    }
  }
}

}  // namespace cnnlab

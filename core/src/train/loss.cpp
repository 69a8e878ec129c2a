#include "cnnlab/host/loss.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "cnnlab/error.hpp"
#include "cnnlab/parallel.hpp"

namespace cnnlab {

namespace {

// Rows per parallel chunk: a row costs a few K operations, so small batches stay on one thread.
constexpr int64_t kRowGrain = 64;

struct Batch {
  int64_t rows;
  int64_t classes;
};

Batch check_batch(const Tensor& outputs, const std::vector<int32_t>& labels, const char* what) {
  if (outputs.rank() != 2) {
    throw ShapeError(std::string(what) + ": expected outputs of rank 2 {N, K}, got rank " +
                     std::to_string(outputs.rank()));
  }
  const Batch batch{outputs.dim(0), outputs.dim(1)};
  if (static_cast<int64_t>(labels.size()) != batch.rows) {
    throw ShapeError(std::string(what) + ": " + std::to_string(batch.rows) + " output rows but " +
                     std::to_string(labels.size()) + " labels");
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] < 0 || labels[i] >= batch.classes) {
      throw DataError(std::string(what) + ": label " + std::to_string(labels[i]) + " of sample " +
                      std::to_string(i) + " is outside [0, " + std::to_string(batch.classes) + ")");
    }
  }
  return batch;
}

// Sums per-row losses in row order so the total is the same for any thread count.
double mean_of(const std::vector<double>& row_loss) {
  double sum = 0.0;
  for (double v : row_loss) sum += v;
  return row_loss.empty() ? 0.0 : sum / static_cast<double>(row_loss.size());
}

// Keras' label smoothing: the target of class k is (1 - s) * [k == label] + s / K.
struct SmoothTargets {
  SmoothTargets(double smoothing, int64_t classes)
      : off(classes > 0 ? smoothing / static_cast<double>(classes) : 0.0), keep(1.0 - smoothing) {}
  double on_label() const { return keep; }
  double of(int64_t k, int32_t label) const { return (k == label ? keep : 0.0) + off; }
  double off;
  double keep;
};

}  // namespace

double softmax_cross_entropy(const Tensor& logits, const std::vector<int32_t>& labels, Tensor* grad,
                             double label_smoothing) {
  const Batch b = check_batch(logits, labels, "softmax_cross_entropy");
  const SmoothTargets targets(label_smoothing, b.classes);
  std::vector<double> row_loss(static_cast<size_t>(b.rows));
  if (grad) grad->resize({b.rows, b.classes});
  const double inv_n = b.rows > 0 ? 1.0 / static_cast<double>(b.rows) : 0.0;

  parallel_for(0, b.rows, kRowGrain, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      const float* z = logits.data() + r * b.classes;
      // log-sum-exp around the row maximum: every exponent is <= 0, so nothing overflows and
      // the largest term is exactly 1, so the sum never underflows to 0.
      double max_z = z[0];
      for (int64_t k = 1; k < b.classes; ++k) max_z = std::max(max_z, static_cast<double>(z[k]));
      double sum_exp = 0.0;
      for (int64_t k = 0; k < b.classes; ++k) sum_exp += std::exp(z[k] - max_z);
      const double log_sum = std::log(sum_exp);
      const int32_t y = labels[static_cast<size_t>(r)];
      double z_sum = 0.0;
      if (targets.off > 0.0)
        for (int64_t k = 0; k < b.classes; ++k) z_sum += z[k] - max_z;
      row_loss[static_cast<size_t>(r)] =
          log_sum - targets.on_label() * (z[y] - max_z) - targets.off * z_sum;
      if (grad) {
        float* g = grad->data() + r * b.classes;
        for (int64_t k = 0; k < b.classes; ++k) {
          const double p = std::exp(z[k] - max_z - log_sum);
          g[k] = static_cast<float>((p - targets.of(k, y)) * inv_n);
        }
      }
    }
  });
  return mean_of(row_loss);
}

double probability_cross_entropy(const Tensor& probabilities, const std::vector<int32_t>& labels,
                                 Tensor* grad, double label_smoothing) {
  const Batch b = check_batch(probabilities, labels, "probability_cross_entropy");
  const SmoothTargets targets(label_smoothing, b.classes);
  std::vector<double> row_loss(static_cast<size_t>(b.rows));
  if (grad) grad->resize({b.rows, b.classes});
  const double inv_n = b.rows > 0 ? 1.0 / static_cast<double>(b.rows) : 0.0;
  constexpr double eps = kProbabilityEpsilon;

  parallel_for(0, b.rows, kRowGrain, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      const float* p = probabilities.data() + r * b.classes;
      double sum = 0.0;
      for (int64_t k = 0; k < b.classes; ++k) sum += p[k];
      // An all-zero row would divide by zero; its clipped loss is -log(eps) either way.
      sum = std::max(sum, eps);
      const int32_t y = labels[static_cast<size_t>(r)];
      // L = -sum_k t_k log(clip(q_k)), q_k = p_k / S: dL/dp_j = (sum_k t_k a_k - t_j a_j / q_j) / S
      // with a_k = 0 where the clip is active (it passes no gradient), 1 elsewhere.
      double loss = 0.0, active_sum = 0.0;
      for (int64_t k = 0; k < b.classes; ++k) {
        const double t = targets.of(k, y);
        if (t == 0.0) continue;
        const double q = p[k] / sum;
        loss -= t * std::log(std::clamp(q, eps, 1.0 - eps));
        if (q >= eps && q <= 1.0 - eps) active_sum += t;
      }
      row_loss[static_cast<size_t>(r)] = loss;
      if (grad) {
        float* g = grad->data() + r * b.classes;
        for (int64_t k = 0; k < b.classes; ++k) {
          const double t = targets.of(k, y);
          const double q = p[k] / sum;
          const bool active = t != 0.0 && q >= eps && q <= 1.0 - eps;
          const double d = (active_sum - (active ? t / q : 0.0)) / sum;
          g[k] = static_cast<float>(d * inv_n);
        }
      }
    }
  });
  return mean_of(row_loss);
}

}  // namespace cnnlab

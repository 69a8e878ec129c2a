#include "cnnlab/loss.hpp"

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

}  // namespace

double softmax_cross_entropy(const Tensor& logits, const std::vector<int32_t>& labels,
                             Tensor* grad) {
  const Batch b = check_batch(logits, labels, "softmax_cross_entropy");
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
      row_loss[static_cast<size_t>(r)] = log_sum - (z[y] - max_z);
      if (grad) {
        float* g = grad->data() + r * b.classes;
        for (int64_t k = 0; k < b.classes; ++k) {
          const double p = std::exp(z[k] - max_z - log_sum);
          g[k] = static_cast<float>((p - (k == y ? 1.0 : 0.0)) * inv_n);
        }
      }
    }
  });
  return mean_of(row_loss);
}

double probability_cross_entropy(const Tensor& probabilities, const std::vector<int32_t>& labels,
                                 Tensor* grad) {
  const Batch b = check_batch(probabilities, labels, "probability_cross_entropy");
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
      const double q = p[y] / sum;
      const double clipped = std::clamp(q, eps, 1.0 - eps);
      row_loss[static_cast<size_t>(r)] = -std::log(clipped);
      if (grad) {
        float* g = grad->data() + r * b.classes;
        // L = -log(p_y / S), S = sum_k p_k: dL/dp_k = (1/S) - [k == y] / p_y, scaled by 1/N;
        // the clip passes no gradient where it is active.
        const bool clip_active = q < eps || q > 1.0 - eps;
        for (int64_t k = 0; k < b.classes; ++k) {
          double d = 0.0;
          if (!clip_active) d = (1.0 - (k == y ? 1.0 / q : 0.0)) / sum;
          g[k] = static_cast<float>(d * inv_n);
        }
      }
    }
  });
  return mean_of(row_loss);
}

}  // namespace cnnlab

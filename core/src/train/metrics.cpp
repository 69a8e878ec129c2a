#include "cnnlab/host/metrics.hpp"

#include <limits>
#include <string>

#include "cnnlab/error.hpp"

namespace cnnlab {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_rows(const Tensor& outputs, size_t labels) {
  if (outputs.rank() != 2 || outputs.dim(0) != static_cast<int64_t>(labels)) {
    throw ShapeError("metrics: expected outputs {N, K} with N = " + std::to_string(labels) +
                     " (the number of labels)");
  }
}
}  // namespace

void predicted_classes(const Tensor& outputs, std::vector<int32_t>& classes) {
  if (outputs.rank() != 2) throw ShapeError("metrics: expected outputs of rank 2 {N, K}");
  const int64_t rows = outputs.dim(0), k = outputs.dim(1);
  classes.resize(static_cast<size_t>(rows));
  for (int64_t r = 0; r < rows; ++r) {
    const float* row = outputs.data() + r * k;
    int32_t best = 0;
    for (int64_t c = 1; c < k; ++c) {
      if (row[c] > row[best]) best = static_cast<int32_t>(c);
    }
    classes[static_cast<size_t>(r)] = best;
  }
}

int64_t count_correct(const Tensor& outputs, const std::vector<int32_t>& labels) {
  check_rows(outputs, labels.size());
  std::vector<int32_t> predicted;
  predicted_classes(outputs, predicted);
  int64_t correct = 0;
  for (size_t i = 0; i < labels.size(); ++i) correct += predicted[i] == labels[i] ? 1 : 0;
  return correct;
}

ConfusionMatrix::ConfusionMatrix(int num_classes)
    : num_classes_(num_classes < 0 ? 0 : num_classes),
      counts_(static_cast<size_t>(num_classes_) * static_cast<size_t>(num_classes_), 0) {}

void ConfusionMatrix::add(int32_t label, int32_t predicted) {
  if (label < 0 || label >= num_classes_ || predicted < 0 || predicted >= num_classes_) {
    throw DataError("confusion matrix: class pair (" + std::to_string(label) + ", " +
                    std::to_string(predicted) + ") outside [0, " + std::to_string(num_classes_) +
                    ")");
  }
  ++counts_[static_cast<size_t>(label) * static_cast<size_t>(num_classes_) +
            static_cast<size_t>(predicted)];
  ++total_;
}

void ConfusionMatrix::add(const Tensor& outputs, const std::vector<int32_t>& labels) {
  check_rows(outputs, labels.size());
  std::vector<int32_t> predicted;
  predicted_classes(outputs, predicted);
  for (size_t i = 0; i < labels.size(); ++i) add(labels[i], predicted[i]);
}

int64_t ConfusionMatrix::count(int label, int predicted) const {
  if (label < 0 || label >= num_classes_ || predicted < 0 || predicted >= num_classes_) return 0;
  return counts_[static_cast<size_t>(label) * static_cast<size_t>(num_classes_) +
                 static_cast<size_t>(predicted)];
}

int64_t ConfusionMatrix::support(int label) const {
  int64_t n = 0;
  for (int p = 0; p < num_classes_; ++p) n += count(label, p);
  return n;
}

int64_t ConfusionMatrix::correct() const {
  int64_t n = 0;
  for (int c = 0; c < num_classes_; ++c) n += count(c, c);
  return n;
}

double ConfusionMatrix::accuracy() const {
  if (total_ == 0) return kNaN;
  return static_cast<double>(correct()) / static_cast<double>(total_);
}

std::vector<double> ConfusionMatrix::per_class_accuracy() const {
  std::vector<double> result(static_cast<size_t>(num_classes_), kNaN);
  for (int c = 0; c < num_classes_; ++c) {
    const int64_t n = support(c);
    if (n > 0) result[static_cast<size_t>(c)] = static_cast<double>(count(c, c)) / n;
  }
  return result;
}

}  // namespace cnnlab

#pragma once
#include <cstdint>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab {

// The class each row of {N, K} outputs (logits or probabilities) predicts: the index of its
// largest entry, the first one on ties (numpy's argmax).
CNNLAB_API void predicted_classes(const Tensor& outputs, std::vector<int32_t>& classes);

// How many rows predict their label (Keras' categorical accuracy, times N).
CNNLAB_API int64_t count_correct(const Tensor& outputs, const std::vector<int32_t>& labels);

// Counts of (true class, predicted class) pairs over an evaluation.
class CNNLAB_API ConfusionMatrix {
 public:
  explicit ConfusionMatrix(int num_classes = 0);

  // Throws DataError for a class outside [0, num_classes).
  void add(int32_t label, int32_t predicted);
  void add(const Tensor& outputs, const std::vector<int32_t>& labels);

  int num_classes() const { return num_classes_; }
  // Row: the true class; column: the predicted one.
  int64_t count(int label, int predicted) const;
  int64_t total() const { return total_; }
  int64_t support(int label) const;  // samples whose true class is `label`
  int64_t correct() const;

  // NaN when empty.
  double accuracy() const;
  // correct / support per true class (recall); NaN for a class without samples.
  std::vector<double> per_class_accuracy() const;

 private:
  int num_classes_;
  int64_t total_ = 0;
  std::vector<int64_t> counts_;  // num_classes_ x num_classes_, row-major
};

}  // namespace cnnlab

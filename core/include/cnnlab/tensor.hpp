#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/shape.hpp"

namespace cnnlab {

// A dense float32 array, row-major, 64-byte aligned. Images are NHWC (channels last, as in
// Keras). Resizing keeps the allocation when it is large enough, so a layer can reuse its
// output tensor batch after batch without touching the allocator.
class CNNLAB_API Tensor {
 public:
  Tensor() = default;
  explicit Tensor(std::vector<int64_t> dims);  // zero-filled
  Tensor(const Tensor& other);
  Tensor& operator=(const Tensor& other);
  Tensor(Tensor&&) noexcept = default;
  Tensor& operator=(Tensor&&) noexcept = default;

  // Sets new dimensions; contents are unspecified afterwards unless the size is unchanged.
  void resize(std::vector<int64_t> dims);
  void fill(float value);
  void zero() { fill(0.0f); }

  const std::vector<int64_t>& dims() const { return dims_; }
  int64_t dim(size_t axis) const { return dims_[axis]; }
  size_t rank() const { return dims_.size(); }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  float* data() { return data_.get(); }
  const float* data() const { return data_.get(); }
  float& operator[](size_t i) { return data_.get()[i]; }
  float operator[](size_t i) const { return data_.get()[i]; }

 private:
  struct Free {
    void operator()(float* p) const;
  };
  std::vector<int64_t> dims_;
  size_t size_ = 0;
  size_t capacity_ = 0;
  std::unique_ptr<float[], Free> data_;
};

}  // namespace cnnlab

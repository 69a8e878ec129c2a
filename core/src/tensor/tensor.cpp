#include "cnnlab/tensor.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>

namespace cnnlab {

namespace {
constexpr size_t kAlignment = 64;

size_t element_count(const std::vector<int64_t>& dims) {
  size_t n = 1;
  for (int64_t d : dims) {
    if (d < 0) throw std::bad_array_new_length();
    n *= static_cast<size_t>(d);
  }
  return n;
}

float* allocate(size_t count) {
  if (count == 0) return nullptr;
  const size_t bytes = (count * sizeof(float) + kAlignment - 1) / kAlignment * kAlignment;
  void* p = std::aligned_alloc(kAlignment, bytes);
  if (!p) throw std::bad_alloc();
  return static_cast<float*>(p);
}
}  // namespace

void Tensor::Free::operator()(float* p) const { std::free(p); }

Tensor::Tensor(std::vector<int64_t> dims) {
  resize(std::move(dims));
  zero();
}

Tensor::Tensor(const Tensor& other) { *this = other; }

Tensor& Tensor::operator=(const Tensor& other) {
  if (this == &other) return *this;
  resize(other.dims_);
  if (size_) std::memcpy(data_.get(), other.data_.get(), size_ * sizeof(float));
  return *this;
}

void Tensor::resize(std::vector<int64_t> dims) {
  const size_t n = element_count(dims);
  if (n > capacity_) {
    data_.reset(allocate(n));
    capacity_ = n;
  }
  dims_ = std::move(dims);
  size_ = n;
}

void Tensor::fill(float value) { std::fill(data_.get(), data_.get() + size_, value); }

}  // namespace cnnlab

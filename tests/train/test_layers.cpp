#include "test_layers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "cnnlab/parallel.hpp"

namespace cnnlab::test {

namespace {
constexpr int64_t kRowGrain = 16;
}  // namespace

TestDense::TestDense(int64_t units, Softmax softmax) : units_(units), softmax_(softmax) {}

Shape TestDense::build(const Shape& input, Rng& init) {
  inputs_ = shape_size(input);
  kernel_ = {"kernel", Tensor({inputs_, units_}), Tensor({inputs_, units_}), true};
  bias_ = {"bias", Tensor({units_}), Tensor({units_}), true};
  forwards_ = {"forwards", Tensor({1}), Tensor(), false};
  const double limit = std::sqrt(6.0 / static_cast<double>(inputs_ + units_));
  for (size_t i = 0; i < kernel_.value.size(); ++i) {
    kernel_.value[i] = static_cast<float>(init.uniform(-limit, limit));
  }
  return {units_};
}

std::vector<Parameter*> TestDense::parameters() { return {&kernel_, &bias_, &forwards_}; }

bool TestDense::defer_softmax() {
  if (softmax_ != Softmax::deferrable) return false;
  deferred_ = true;
  return true;
}

void TestDense::forward(const Tensor& in, Tensor& out, const StepContext& ctx) {
  const int64_t n = in.dim(0);
  out.resize({n, units_});
  const bool poisoned =
      ctx.training && nan_from_forward >= 0 && forwards_.value[0] >= nan_from_forward;
  if (ctx.training) forwards_.value[0] += 1.0f;
  const bool softmax =
      softmax_ == Softmax::fixed || (softmax_ == Softmax::deferrable && !deferred_);
  parallel_for(0, n, kRowGrain, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      float* o = out.data() + r * units_;
      const float* x = in.data() + r * inputs_;
      for (int64_t u = 0; u < units_; ++u) {
        float sum = bias_.value[static_cast<size_t>(u)];
        for (int64_t i = 0; i < inputs_; ++i)
          sum += x[i] * kernel_.value[static_cast<size_t>(i * units_ + u)];
        o[u] = poisoned ? std::numeric_limits<float>::quiet_NaN() : sum;
      }
      if (softmax) {
        const float max = *std::max_element(o, o + units_);
        float total = 0.0f;
        for (int64_t u = 0; u < units_; ++u) total += (o[u] = std::exp(o[u] - max));
        for (int64_t u = 0; u < units_; ++u) o[u] /= total;
      }
    }
  });
}

void TestDense::backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                         Tensor* grad_in) {
  const int64_t n = in.dim(0);
  dz_ = grad_out;
  if (softmax_ == Softmax::fixed || (softmax_ == Softmax::deferrable && !deferred_)) {
    for (int64_t r = 0; r < n; ++r) {
      const float* p = out.data() + r * units_;
      float* d = dz_.data() + r * units_;
      float dot = 0.0f;
      for (int64_t u = 0; u < units_; ++u) dot += d[u] * p[u];
      for (int64_t u = 0; u < units_; ++u) d[u] = p[u] * (d[u] - dot);
    }
  }
  // Each kernel row is summed over the batch by one chunk: deterministic for any thread count.
  parallel_for(0, inputs_, kRowGrain, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      for (int64_t u = 0; u < units_; ++u) {
        float sum = 0.0f;
        for (int64_t r = 0; r < n; ++r)
          sum +=
              in[static_cast<size_t>(r * inputs_ + i)] * dz_[static_cast<size_t>(r * units_ + u)];
        kernel_.grad[static_cast<size_t>(i * units_ + u)] = sum;
      }
    }
  });
  for (int64_t u = 0; u < units_; ++u) {
    float sum = 0.0f;
    for (int64_t r = 0; r < n; ++r) sum += dz_[static_cast<size_t>(r * units_ + u)];
    bias_.grad[static_cast<size_t>(u)] = sum;
  }
  if (!grad_in) return;
  grad_in->resize(in.dims());
  for (int64_t r = 0; r < n; ++r) {
    for (int64_t i = 0; i < inputs_; ++i) {
      float sum = 0.0f;
      for (int64_t u = 0; u < units_; ++u)
        sum += dz_[static_cast<size_t>(r * units_ + u)] *
               kernel_.value[static_cast<size_t>(i * units_ + u)];
      (*grad_in)[static_cast<size_t>(r * inputs_ + i)] = sum;
    }
  }
}

Shape SampleRecorder::build(const Shape& input, Rng&) { return input; }

void SampleRecorder::forward(const Tensor& in, Tensor& out, const StepContext& ctx) {
  out = in;
  if (!ctx.training) return;
  const int64_t n = in.dim(0);
  const size_t per_sample = in.size() / static_cast<size_t>(n);
  std::vector<float> firsts;
  for (int64_t r = 0; r < n; ++r) firsts.push_back(in[static_cast<size_t>(r) * per_sample]);
  batches.push_back(firsts);
  seeds.push_back(ctx.seed);
}

void SampleRecorder::backward(const Tensor&, const Tensor&, const Tensor& grad_out,
                              Tensor* grad_in) {
  if (grad_in) *grad_in = grad_out;
}

Shape TestDropout::build(const Shape& input, Rng&) { return input; }

void TestDropout::forward(const Tensor& in, Tensor& out, const StepContext& ctx) {
  out = in;
  mask_.resize(in.dims());
  mask_.fill(1.0f);
  if (!ctx.training) return;
  const float keep = 1.0f / (1.0f - rate_);
  for (size_t i = 0; i < in.size(); ++i) {
    mask_[i] = hash_to_unit(hash64(ctx.seed, i)) < rate_ ? 0.0f : keep;
    out[i] = in[i] * mask_[i];
  }
}

void TestDropout::backward(const Tensor&, const Tensor&, const Tensor& grad_out, Tensor* grad_in) {
  if (!grad_in) return;
  grad_in->resize(grad_out.dims());
  for (size_t i = 0; i < grad_out.size(); ++i) (*grad_in)[i] = grad_out[i] * mask_[i];
}

}  // namespace cnnlab::test

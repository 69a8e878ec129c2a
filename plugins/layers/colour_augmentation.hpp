#pragma once
// What random_contrast and random_brightness share: a per-image factor drawn in training,
// applied by a kernel and clipped to value_range; the identity at inference.
#include <string>
#include <vector>

#include "augmentation_support.hpp"

namespace cnnlab::layers {

class ColourAugmentation : public Layer {
 public:
  ColourAugmentation(const Config& cfg, std::pair<float, float> range)
      : range_(range), value_range_(read_value_range(cfg)) {}

  Shape build(const Shape& input, Rng&) override {
    require_image(input, type());
    input_ = input;
    return input;
  }

  void forward(const Tensor& in, Tensor& out, const StepContext& ctx) override {
    const ColourShape s = shape_of(in);
    out.resize(in.dims());
    applied_ = ctx.training;
    if (!applied_) {
      std::copy(in.data(), in.data() + in.size(), out.data());
      return;
    }
    draws_.resize(static_cast<size_t>(s.batch));
    for (int64_t n = 0; n < s.batch; ++n)
      draws_[static_cast<size_t>(n)] = augment_uniform(ctx.seed, n, 0, range_);
    apply(s, draws_.data(), in.data(), out.data());
  }

  void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                Tensor* grad_in) override {
    if (!grad_in) return;
    grad_in->resize(in.dims());
    if (applied_)
      apply_backward(shape_of(in), draws_.data(), out.data(), grad_out.data(), grad_in->data());
    else
      std::copy(grad_out.data(), grad_out.data() + grad_out.size(), grad_in->data());
  }

  std::optional<std::string> export_onnx(OnnxBuilder&, const std::string& input) const override {
    return input;
  }

 protected:
  virtual void apply(const ColourShape& s, const float* draws, const float* x, float* y) const = 0;
  virtual void apply_backward(const ColourShape& s, const float* draws, const float* y,
                              const float* dy, float* dx) const = 0;
  float value_span() const { return value_range_.second - value_range_.first; }

 private:
  ColourShape shape_of(const Tensor& in) const {
    return {checked_batch(in, input_, type()), input_[0] * input_[1], input_[2], value_range_.first,
            value_range_.second};
  }

  std::pair<float, float> range_, value_range_;
  Shape input_;
  std::vector<float> draws_;  // the last forward's, for backward
  bool applied_ = false;
};

}  // namespace cnnlab::layers

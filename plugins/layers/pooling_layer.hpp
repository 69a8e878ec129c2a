#pragma once
// What maxpool2d and avgpool2d share: Keras' pool_size / strides / padding keys and the
// output shape. Each type adds its own math.
#include "cnnlab/error.hpp"
#include "layer_support.hpp"

namespace cnnlab::layers {

class Pooling2d : public Layer {
 public:
  explicit Pooling2d(const Config& cfg)
      : pool_(read_positive_pair(cfg, "pool_size", std::make_pair(2, 2))),
        strides_(read_positive_pair(cfg, "strides", pool_)),
        padding_(read_padding(cfg)) {}

  Shape build(const Shape& input, Rng&) override {
    require_image(input, type());
    window_ = make_window2d(input[0], input[1], pool_.first, pool_.second, strides_.first,
                            strides_.second, padding_);
    if (window_.out_h <= 0 || window_.out_w <= 0)
      throw ShapeError(type() + ": pool_size " + std::to_string(pool_.first) + "x" +
                       std::to_string(pool_.second) + " is larger than the input " +
                       shape_to_string(input) + " with padding 'valid'");
    input_ = input;
    return {window_.out_h, window_.out_w, input[2]};
  }

 protected:
  Pool2dShape shape_of(const Tensor& in) const {
    return {checked_batch(in, input_, type()), input_[2], window_};
  }

  std::vector<int64_t> output_dims(const Pool2dShape& s) const {
    return {s.batch, window_.out_h, window_.out_w, s.channels};
  }

  std::pair<int64_t, int64_t> pool_, strides_;
  Padding padding_;
  Window2d window_;
  Shape input_;
};

}  // namespace cnnlab::layers

#pragma once
// Small layers for trainer tests, independent of the cnnlab_layers plugin: a dense layer
// (optionally ending in a softmax it may or may not defer), an identity layer that records the
// samples it sees, and an inverted dropout drawing its mask from the step seed.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cnnlab/host/model.hpp"
#include "cnnlab/layer.hpp"

namespace cnnlab::test {

class TestDense : public Layer {
 public:
  enum class Softmax { none, deferrable, fixed };
  TestDense(int64_t units, Softmax softmax);

  std::string type() const override { return "test_dense"; }
  std::string keras_class() const override { return "Dense"; }
  std::string keras_name() const override { return "dense"; }
  Shape build(const Shape& input, Rng& init) override;
  std::vector<Parameter*> parameters() override;
  void forward(const Tensor& in, Tensor& out, const StepContext& ctx) override;
  void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                Tensor* grad_in) override;
  bool defer_softmax() override;

  // From this training forward on (0-based count), outputs are NaN: a diverging model.
  int64_t nan_from_forward = -1;

 private:
  int64_t units_;
  int64_t inputs_ = 0;
  Softmax softmax_;
  bool deferred_ = false;
  Parameter kernel_, bias_;
  // Non-trainable: the number of training forwards so far, a stand-in for BN's moving
  // statistics (state that changes while training and must be restored with the weights).
  Parameter forwards_;
  Tensor dz_;
};

// Passes its input through; in training records each sample's first value (the tests write
// the sample's index there) so that the order of samples can be checked.
class SampleRecorder : public Layer {
 public:
  std::string type() const override { return "test_recorder"; }
  std::string keras_class() const override { return "Recorder"; }
  std::string keras_name() const override { return "recorder"; }
  Shape build(const Shape& input, Rng& init) override;
  void forward(const Tensor& in, Tensor& out, const StepContext& ctx) override;
  void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                Tensor* grad_in) override;

  std::vector<std::vector<float>> batches;  // first value of each sample, per training batch
  std::vector<uint64_t> seeds;              // the step seed of each training batch
};

// Keras' inverted dropout with a counter-based mask: hash64(seed, element).
class TestDropout : public Layer {
 public:
  explicit TestDropout(float rate) : rate_(rate) {}
  std::string type() const override { return "test_dropout"; }
  std::string keras_class() const override { return "Dropout"; }
  std::string keras_name() const override { return "dropout"; }
  Shape build(const Shape& input, Rng& init) override;
  void forward(const Tensor& in, Tensor& out, const StepContext& ctx) override;
  void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                Tensor* grad_in) override;

 private:
  float rate_;
  Tensor mask_;
};

}  // namespace cnnlab::test

#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/onnx_builder.hpp"
#include "cnnlab/random.hpp"
#include "cnnlab/shape.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab {

// A learnable tensor (trainable) or a saved statistic (BN moving mean/variance, not trainable:
// Keras counts those as "Non-trainable params"). `grad` has value's dims when trainable.
struct CNNLAB_API Parameter {
  std::string name;  // "kernel", "bias", "gamma", "beta", "moving_mean", "moving_variance"
  Tensor value;
  Tensor grad;
  bool trainable = true;
};

// What a forward pass needs to know beyond its input.
struct StepContext {
  bool training = false;
  // Different for every layer and every batch, fixed by the experiment seed: layers that draw
  // random numbers (dropout) use hash64(seed, element index) so masks do not depend on threads.
  uint64_t seed = 0;
};

// One layer of a Sequential model.
//
// Contract (checked by tests/nn for every built-in layer):
// - build(input) validates the per-sample input shape, allocates and initialises parameters
//   (Keras defaults: glorot-uniform kernels, zero biases, gamma 1, beta 0) from `init`, and
//   returns the per-sample output shape. It throws ShapeError for a shape it cannot take.
//   It is called once, before any other call except the const queries.
// - forward(in, out, ctx): in is {N, ...input}, out is resized to {N, ...output}.
// - backward(in, out, grad_out, grad_in): given the same in/out as the last forward in training
//   mode, writes every trainable parameter's grad (overwriting, summed over the batch) and,
//   when grad_in is not null, dL/d(in) resized to in's dims.
class CNNLAB_API Layer {
 public:
  virtual ~Layer();

  virtual std::string type() const = 0;         // plugin type name: "conv2d"
  virtual std::string keras_class() const = 0;  // "Conv2D", shown by `summary`
  virtual std::string keras_name() const = 0;   // default name base: "conv2d", "max_pooling2d"

  virtual Shape build(const Shape& input, Rng& init) = 0;
  virtual std::vector<Parameter*> parameters();
  virtual void forward(const Tensor& in, Tensor& out, const StepContext& ctx) = 0;
  virtual void backward(const Tensor& in, const Tensor& out, const Tensor& grad_out,
                        Tensor* grad_in) = 0;

  // The model asks its last layer to stop applying a final softmax so that the loss can fuse
  // softmax with cross-entropy (stable for any logits). A layer that ends in softmax agrees by
  // returning true and from then on outputs logits.
  virtual bool defer_softmax();

  // The layer's inference form as ONNX nodes (`cnnlab export`): adds them to `graph`, reading
  // the tensor named `input` (NCHW for images, see onnx_builder.hpp), and returns the name of
  // its output; a layer that is the identity at inference (dropout) returns `input`. The
  // default, std::nullopt, means "no ONNX form": the export of a model using it is refused
  // naming the layer. Called after build(), on a layer that may have deferred its softmax.
  virtual std::optional<std::string> export_onnx(OnnxBuilder& graph,
                                                 const std::string& input) const;
};

}  // namespace cnnlab

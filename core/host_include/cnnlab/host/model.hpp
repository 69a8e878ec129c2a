#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/layer.hpp"
#include "cnnlab/shape.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab {

// A stack of layers (Keras' Sequential). Names follow Keras: the first conv2d is "conv2d",
// the next "conv2d_1", and so on per name base.
class CNNLAB_API Model {
 public:
  struct Entry {
    std::string name;
    std::shared_ptr<Layer> layer;
    Shape output_shape;
  };

  explicit Model(Shape input_shape);
  ~Model();
  Model(Model&&) noexcept;
  Model& operator=(Model&&) noexcept;

  // Builds the layer against the current output shape and initialises its parameters from
  // seed and its position. Throws ShapeError naming the layer ("layer 4 'dense' (Dense): ...").
  // `name` overrides the Keras default name; a name already in the model is an Error.
  void add(std::shared_ptr<Layer> layer, uint64_t seed, const std::string& name = "");

  const Shape& input_shape() const;
  const Shape& output_shape() const;
  const std::vector<Entry>& layers() const;
  int64_t param_count() const;
  int64_t trainable_param_count() const;
  std::vector<Parameter*> trainable_parameters();
  std::vector<Parameter*> all_parameters();  // trainable and non-trainable, in layer order

  // Asks the last layer to output logits; true when it agreed (then forward() returns logits
  // and predict_proba() applies the softmax).
  bool defer_final_softmax();
  bool outputs_logits() const;

  // x is {N, ...input_shape}. In training, `step_seed` makes each layer's random draws.
  // The result and every layer's output live in the model, reused from batch to batch; x must
  // stay alive and unchanged until backward().
  const Tensor& forward(const Tensor& x, bool training, uint64_t step_seed = 0);
  // After forward(x, true): gradient of the loss w.r.t. forward()'s output. Fills grads.
  void backward(const Tensor& grad_output);
  // Probabilities (softmax applied when the model outputs logits).
  void predict_proba(const Tensor& x, Tensor& probs);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Keras' model.summary() table for the model.
CNNLAB_API std::string model_summary(const Model& model, const std::string& title = "sequential");

}  // namespace cnnlab

#pragma once
// Turning uint8 images into the float batches a model consumes, one batch at a time.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "cnnlab/dataset.hpp"
#include "cnnlab/host/kfold.hpp"
#include "cnnlab/host/model.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab::train {

// Throws ShapeError unless the images are the model's input shape and the model ends in a
// vector of class scores; returns the number of classes.
int check_model_fits(const Model& model, const ImageSet& images);

// x = images order[begin..end) as floats byte / scale, {end - begin, H, W, C}; labels to match.
void gather_batch(const ImageSet& images, const IndexList& order, size_t begin, size_t end,
                  float scale, Tensor& x, std::vector<int32_t>& labels);

// The loss for the model's outputs: fused softmax cross-entropy on logits, clipped
// cross-entropy on probabilities, with Keras' label smoothing. Writes dL/d(outputs) into grad
// when not null.
double batch_loss(const Model& model, const Tensor& outputs, const std::vector<int32_t>& labels,
                  Tensor* grad, double label_smoothing = 0.0);

}  // namespace cnnlab::train

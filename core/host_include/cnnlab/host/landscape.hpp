#pragma once
// Loss landscapes (Li et al., "Visualizing the Loss Landscape of Neural Nets", 2017): the loss
// around trained weights along random directions scaled filter by filter to the weights.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/host/model.hpp"
#include "cnnlab/host/picture.hpp"
#include "cnnlab/host/trainer.hpp"

namespace cnnlab {

struct LandscapeOptions {
  int dims = 1;       // 1: a line, 2: a plane
  int steps = 21;     // grid points per axis, odd so that the trained weights are one of them
  double span = 1.0;  // coordinates run from -span to +span
  uint64_t seed = 0;  // the random directions
  int batch_size = 500;
  // Called after each grid point with (points done, points in all).
  std::function<void(size_t, size_t)> progress;
};

struct LandscapePoint {
  double alpha = 0.0, beta = 0.0;  // beta is 0 on a line
  double loss = 0.0, accuracy = 0.0;
};

struct Landscape {
  std::string name;  // the model's, for legends and the CSV
  LandscapeOptions options;
  size_t samples = 0;
  std::vector<LandscapePoint> points;  // alpha fastest, then beta
  double seconds = 0.0;
};

// ConfigError for dims other than 1 or 2, an even or too small step count, a span that is not
// positive and finite, or a batch size below 1.
CNNLAB_API void check_landscape_options(const LandscapeOptions& options);

// Evaluates `model` (inference mode) on `samples` at every grid point w + alpha d1 + beta d2,
// where d1, d2 are Gaussian directions drawn from options.seed with each filter (a slice along
// a kernel's last axis: a conv filter, a dense unit) scaled to the norm of the same filter of
// the weights, and zero for biases and batch-normalization parameters (Li et al.'s choice).
// Points are evaluated one after the other, each batch by the parallel kernels, so the result
// is the same for any thread count. The model's weights are restored before returning.
CNNLAB_API Landscape loss_landscape(Model& model, const SampleView& samples, float scale,
                                    const LandscapeOptions& options);

// "model,alpha[,beta],loss,accuracy" lines, values with 9 significant digits.
CNNLAB_API std::string landscape_csv(const std::vector<Landscape>& landscapes);

// 1-D: every landscape's loss (and accuracy below it) on one pair of axes. 2-D: one filled
// contour panel per landscape on a shared logarithmic loss scale, the minimum marked.
// ConfigError when the landscapes differ in dims.
CNNLAB_API Picture draw_landscape(const std::vector<Landscape>& landscapes);

}  // namespace cnnlab

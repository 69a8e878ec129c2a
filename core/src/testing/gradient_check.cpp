#include "cnnlab/testing/gradient_check.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "check_tensors.hpp"

namespace cnnlab::testing {

namespace {

double loss(Layer& layer, const Tensor& x, const Tensor& r, const StepContext& ctx) {
  Tensor out;
  layer.forward(x, out, ctx);
  double sum = 0;
  for (size_t i = 0; i < out.size(); ++i) sum += double(out[i]) * r[i];
  return sum;
}

// A gradient of other dims than its tensor cannot be compared element by element: it fails
// unchecked.
GradientResult unchecked(const std::string& name, size_t elements) {
  GradientResult result;
  result.tensor = name;
  result.elements = elements;
  return result;
}

// Compares analytic[i] with the central difference obtained by nudging target[i], which is
// the input x itself or one of the layer's parameter values.
GradientResult check_tensor(const std::string& name, Tensor& target, const Tensor& analytic,
                            Layer& layer, const Tensor& x, const Tensor& r, const StepContext& ctx,
                            const GradientCheckOptions& o) {
  GradientResult result = unchecked(name, target.size());
  const size_t stride = std::max<size_t>(1, target.size() / std::max<size_t>(1, o.max_elements));
  double worst_excess = -INFINITY;
  for (size_t i = 0; i < target.size(); i += stride) {
    const float saved = target[i];
    target[i] = static_cast<float>(saved + o.step);
    const double up = loss(layer, x, r, ctx);
    target[i] = static_cast<float>(saved - o.step);
    const double down = loss(layer, x, r, ctx);
    target[i] = saved;
    const double numeric = (up - down) / (2 * o.step), exact = analytic[i];
    const double tolerance = o.absolute + o.relative * std::max(std::abs(numeric), std::abs(exact));
    // A NaN on either side is the worst there is, and never passes.
    const double excess =
        std::isnan(numeric - exact) ? INFINITY : std::abs(numeric - exact) - tolerance;
    ++result.checked;
    if (excess > worst_excess) {
      worst_excess = excess;
      result.worst_index = i;
      result.numeric = numeric;
      result.analytic = exact;
      result.tolerance = tolerance;
    }
  }
  result.passed = worst_excess <= 0;
  return result;
}

}  // namespace

std::vector<GradientResult> check_gradients(Layer& layer, const Tensor& x,
                                            const GradientCheckOptions& o) {
  StepContext ctx;
  ctx.training = true;
  ctx.seed = o.seed;
  Tensor out;
  layer.forward(x, out, ctx);
  const Tensor r = random_like(out, o.seed);
  Tensor grad_in;
  layer.backward(x, out, r, &grad_in);

  // Copies: nudging values and the forwards below must not touch the gradients under check.
  std::vector<Tensor> param_grads;
  for (Parameter* p : layer.parameters())
    if (p->trainable) param_grads.push_back(p->grad);

  Tensor input = x;
  std::vector<GradientResult> results;
  results.push_back(grad_in.dims() == x.dims()
                        ? check_tensor("input", input, grad_in, layer, input, r, ctx, o)
                        : unchecked("input", x.size()));
  size_t k = 0;
  for (Parameter* p : layer.parameters()) {
    if (!p->trainable) continue;
    const Tensor& analytic = param_grads[k++];
    results.push_back(analytic.dims() == p->value.dims()
                          ? check_tensor(p->name, p->value, analytic, layer, input, r, ctx, o)
                          : unchecked(p->name, p->value.size()));
  }
  return results;
}

std::string describe(const GradientResult& result) {
  std::ostringstream text;
  text << (result.passed ? "ok      " : "FAILED  ") << "gradient of " << result.tensor;
  if (result.checked == 0) {
    text << ": backward gave a gradient of other dims than the tensor's";
    return text.str();
  }
  text << "[" << result.worst_index << "]: numeric " << result.numeric << ", analytic "
       << result.analytic << ", allowed error " << result.tolerance << " (" << result.elements
       << " elements, " << result.checked << " checked)";
  return text.str();
}

}  // namespace cnnlab::testing

#include "gradient_check.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>
#include <vector>

namespace cnnlab::test {

namespace {
struct Worst {
  double excess = -1;  // error beyond the tolerance; <= 0 passes
  size_t index = 0;
  double numeric = 0, analytic = 0;
};

double loss(Layer& layer, const Tensor& x, const Tensor& r, const StepContext& ctx) {
  Tensor out;
  layer.forward(x, out, ctx);
  double sum = 0;
  for (size_t i = 0; i < out.size(); ++i) sum += double(out[i]) * r[i];
  return sum;
}

// Compares analytic[i] with the central difference obtained by nudging target[i].
void check_tensor(const std::string& name, Tensor& target, const Tensor& analytic, Layer& layer,
                  const Tensor& x, const Tensor& r, const StepContext& ctx,
                  const GradientCheckOptions& o) {
  const size_t n = target.size();
  const size_t stride = std::max<size_t>(1, n / o.max_elements);
  Worst worst;
  for (size_t i = 0; i < n; i += stride) {
    const float saved = target[i];
    target[i] = static_cast<float>(saved + o.step);
    const double up = loss(layer, x, r, ctx);
    target[i] = static_cast<float>(saved - o.step);
    const double down = loss(layer, x, r, ctx);
    target[i] = saved;
    const double numeric = (up - down) / (2 * o.step), exact = analytic[i];
    const double excess = std::abs(numeric - exact) -
                          (o.absolute + o.relative * std::max(std::abs(numeric), std::abs(exact)));
    if (excess > worst.excess) worst = {excess, i, numeric, exact};
  }
  std::ostringstream what;
  what << name << "[" << worst.index << "]: numeric " << worst.numeric << ", analytic "
       << worst.analytic << " (" << n << " elements)";
  INFO(what.str());
  CHECK(worst.excess <= 0);
}
}  // namespace

void check_gradients(Layer& layer, const Tensor& x, const GradientCheckOptions& o) {
  StepContext ctx;
  ctx.training = true;
  ctx.seed = o.seed;
  Tensor out;
  layer.forward(x, out, ctx);
  Tensor r(out.dims());
  Rng rng(o.seed);
  for (size_t i = 0; i < r.size(); ++i) r[i] = static_cast<float>(rng.uniform(-1, 1));
  Tensor grad_in;
  layer.backward(x, out, r, &grad_in);
  REQUIRE(grad_in.dims() == x.dims());

  std::vector<Tensor> param_grads;
  for (Parameter* p : layer.parameters())
    if (p->trainable) param_grads.push_back(p->grad);

  Tensor input = x;
  check_tensor("input", input, grad_in, layer, input, r, ctx, o);
  size_t k = 0;
  for (Parameter* p : layer.parameters())
    if (p->trainable) check_tensor(p->name, p->value, param_grads[k++], layer, input, r, ctx, o);
}

}  // namespace cnnlab::test

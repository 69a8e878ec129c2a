#include "layer_contracts.hpp"

#include <algorithm>
#include <set>
#include <vector>

#include "check_tensors.hpp"
#include "cnnlab/layer_utils.hpp"
#include "cnnlab/parallel.hpp"

namespace cnnlab::testing {

namespace {

Tensor forward(Layer& layer, const Tensor& x, bool training, uint64_t seed) {
  StepContext ctx;
  ctx.training = training;
  ctx.seed = seed;
  Tensor out;
  layer.forward(x, out, ctx);
  return out;
}

using Named = std::vector<std::pair<std::string, Tensor>>;

// The input gradient and then each trainable parameter's, as copies.
Named gradients(Layer& layer, const Tensor& grad_in) {
  Named named{{"input gradient", grad_in}};
  for (const Parameter* p : layer.parameters())
    if (p->trainable) named.emplace_back("gradient of " + p->name, p->grad);
  return named;
}

Verdict pass(std::string detail) { return {true, std::move(detail)}; }
Verdict fail(std::string detail) { return {false, std::move(detail)}; }

// What one thread count gives: every output the layer computes, in a fixed order.
Named outputs_at(const Subject& s, int threads) {
  ThreadLimit limit(threads);
  // A fresh layer: a training forward updates moving statistics, which inference then reads.
  auto layer = prepared_layer(s, s.options.init_seed);
  const Tensor inference = forward(*layer, s.x, false, s.options.step_seed);
  const Tensor out = forward(*layer, s.x, true, s.options.step_seed);
  Tensor grad_in;
  layer->backward(s.x, out, random_like(out, s.options.step_seed), &grad_in);
  Named outputs{{"inference output", inference}, {"training output", out}};
  for (auto& gradient : gradients(*layer, grad_in)) outputs.push_back(std::move(gradient));
  return outputs;
}

}  // namespace

std::shared_ptr<Layer> prepared_layer(const Subject& s, uint64_t seed) {
  auto layer = s.make();
  Rng init(seed);
  layer->build(s.input, init);
  move_off_constants(*layer, seed);
  return layer;
}

// A zero bias or a unit gamma is a special point: a gradient or a save that ignores it can
// pass there by luck.
void move_off_constants(Layer& layer, uint64_t seed) {
  Rng rng = Rng::derive(seed, 1);
  for (Parameter* p : layer.parameters()) {
    Tensor& v = p->value;
    const bool constant = p->trainable && std::all_of(v.data(), v.data() + v.size(),
                                                      [&](float e) { return e == v[0]; });
    if (!constant) continue;
    for (size_t i = 0; i < v.size(); ++i) v[i] += static_cast<float>(rng.uniform(-0.5, 0.5));
  }
}

Verdict check_build(Subject& s) {
  auto first = s.make();
  s.type = first->type();
  Rng init(s.options.init_seed);
  s.output = first->build(s.input, init);
  auto second = s.make();
  Rng same(s.options.init_seed);
  second->build(s.input, same);
  const auto a = first->parameters(), b = second->parameters();
  if (a.size() != b.size())
    return fail("two builds with the same seed have " + std::to_string(a.size()) + " and " +
                std::to_string(b.size()) + " parameters");
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string difference = first_difference(a[i]->value, b[i]->value);
    if (a[i]->name != b[i]->name || !difference.empty())
      return fail("parameter '" + a[i]->name + "' differs between two builds with the same seed" +
                  (difference.empty() ? "" : ": " + difference));
  }
  return pass("output " + shape_to_string(s.output) + "; the same seed gives the same parameters");
}

Verdict check_parameters(const Subject& s) {
  auto layer = prepared_layer(s, s.options.init_seed);
  std::set<std::string> names;
  std::string listing;
  for (const Parameter* p : layer->parameters()) {
    if (p->name.empty()) return fail("a parameter has no name");
    if (!names.insert(p->name).second) return fail("two parameters are named '" + p->name + "'");
    if (p->trainable && p->grad.dims() != p->value.dims())
      return fail("'" + p->name + "' is trainable with a grad of dims " +
                  dims_to_string(p->grad.dims()) + " for a value of dims " +
                  dims_to_string(p->value.dims()));
    const std::string bad = first_non_finite(p->value);
    if (!bad.empty()) return fail("'" + p->name + "' after build(): " + bad);
    listing += (listing.empty() ? "" : ", ") + p->name + " " + dims_to_string(p->value.dims()) +
               (p->trainable ? "" : " (not trainable)");
  }
  return pass(listing.empty() ? "none" : listing);
}

Verdict check_output_shape(const Subject& s) {
  auto layer = prepared_layer(s, s.options.init_seed);
  const std::vector<int64_t> expected = batch_dims(s.x.dim(0), s.output);
  for (const bool training : {false, true}) {
    const Tensor out = forward(*layer, s.x, training, s.options.step_seed);
    if (out.dims() != expected)
      return fail(std::string(training ? "training" : "inference") + " output has dims " +
                  dims_to_string(out.dims()) + ", build() promised " + dims_to_string(expected));
  }
  return pass(dims_to_string(expected) + " in training and at inference");
}

Verdict check_determinism(const Subject& s) {
  auto layer = prepared_layer(s, s.options.init_seed);
  const uint64_t seed = s.options.step_seed;
  const Tensor inference = forward(*layer, s.x, false, seed);
  std::string difference = first_difference(inference, forward(*layer, s.x, false, seed + 1));
  if (!difference.empty()) return fail("inference depends on the step seed: " + difference);
  const Tensor training = forward(*layer, s.x, true, seed);
  difference = first_difference(training, forward(*layer, s.x, true, seed));
  if (!difference.empty()) return fail("two training forwards with one seed differ: " + difference);
  return pass("the same bits from the same input and seed; inference ignores the seed");
}

Verdict check_training_and_inference(const Subject& s) {
  auto layer = prepared_layer(s, s.options.init_seed);
  const Tensor inference = forward(*layer, s.x, false, s.options.step_seed);
  const std::string difference =
      first_difference(inference, forward(*layer, s.x, true, s.options.step_seed));
  if (s.options.training_differs)
    return difference.empty() ? fail(
                                    "training gives the inference output, but training_differs "
                                    "says it should not")
                              : pass("they differ, as training_differs says (" + difference + ")");
  return difference.empty() ? pass("the same output")
                            : fail("training differs from inference (" + difference +
                                   "): set training_differs if it should");
}

Verdict check_threads(const Subject& s) {
  const auto one = outputs_at(s, 1), two = outputs_at(s, 2);
  for (size_t i = 0; i < one.size(); ++i) {
    const std::string difference = first_difference(one[i].second, two[i].second);
    if (!difference.empty())
      return fail(one[i].first + " at 2 threads differs from 1 thread: " + difference);
  }
  return pass("forward, backward and inference give the same bits at 1 and 2 threads");
}

Verdict check_backward(const Subject& s) {
  auto layer = prepared_layer(s, s.options.init_seed);
  const Tensor out = forward(*layer, s.x, true, s.options.step_seed);
  const Tensor grad_out = random_like(out, s.options.step_seed);
  Tensor grad_in;
  layer->backward(s.x, out, grad_out, &grad_in);
  if (grad_in.dims() != s.x.dims())
    return fail("the input gradient has dims " + dims_to_string(grad_in.dims()) + ", the input " +
                dims_to_string(s.x.dims()));
  const Named first = gradients(*layer, grad_in);
  for (const auto& [name, gradient] : first) {
    const std::string bad = first_non_finite(gradient);
    if (!bad.empty()) return fail(name + ": " + bad);
  }
  // The same tensors again: a layer that adds to them instead of overwriting doubles them.
  layer->backward(s.x, out, grad_out, &grad_in);
  const Named second = gradients(*layer, grad_in);
  for (size_t i = 0; i < first.size(); ++i) {
    const std::string difference = first_difference(first[i].second, second[i].second);
    if (!difference.empty())
      return fail("a second backward changed the " + first[i].first +
                  " (added to it instead of overwriting?): " + difference);
  }
  return pass("input gradient " + dims_to_string(grad_in.dims()) +
              " and every parameter gradient finite, overwritten by each backward");
}

}  // namespace cnnlab::testing

#include "cnnlab/host/model.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "cnnlab/error.hpp"
#include "cnnlab/random.hpp"

namespace cnnlab {

struct Model::Impl {
  Shape input_shape;
  std::vector<Entry> entries;
  std::set<std::string> names;
  bool outputs_logits = false;
  // Reused batch after batch: one output per layer, and two gradient buffers that the
  // backward pass alternates between (the gradient into layer i is the one out of layer i-1).
  std::vector<Tensor> outputs;
  Tensor gradients[2];
  const Tensor* last_input = nullptr;
  bool last_forward_trained = false;

  std::string default_name(const std::string& base) const {
    if (!names.count(base)) return base;
    for (int suffix = 1;; ++suffix) {
      std::string candidate = base + "_" + std::to_string(suffix);
      if (!names.count(candidate)) return candidate;
    }
  }
};

Model::Model(Shape input_shape) : impl_(std::make_unique<Impl>()) {
  impl_->input_shape = std::move(input_shape);
}
Model::~Model() = default;
Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;

void Model::add(std::shared_ptr<Layer> layer, uint64_t seed, const std::string& name) {
  // The last layer may have stopped applying its softmax; it must stay the last one.
  if (impl_->outputs_logits) throw Error("Model::add after defer_final_softmax()");
  const size_t index = impl_->entries.size();
  const std::string layer_name = name.empty() ? impl_->default_name(layer->keras_name()) : name;
  if (impl_->names.count(layer_name))
    throw ConfigError("layer name '" + layer_name + "' is used twice in the model");
  Rng init = Rng::derive(seed, index);
  Shape output;
  try {
    output = layer->build(output_shape(), init);
  } catch (const ShapeError& e) {
    throw ShapeError("layer " + std::to_string(index + 1) + " '" + layer_name + "' (" +
                     layer->keras_class() + "): " + e.what());
  }
  impl_->names.insert(layer_name);
  impl_->entries.push_back({layer_name, std::move(layer), std::move(output)});
  impl_->outputs.emplace_back();
}

const Shape& Model::input_shape() const { return impl_->input_shape; }

const Shape& Model::output_shape() const {
  return impl_->entries.empty() ? impl_->input_shape : impl_->entries.back().output_shape;
}

const std::vector<Model::Entry>& Model::layers() const { return impl_->entries; }

namespace {
int64_t count_values(const std::vector<Model::Entry>& entries, bool trainable_only) {
  int64_t count = 0;
  for (const auto& entry : entries)
    for (const Parameter* p : entry.layer->parameters())
      if (p->trainable || !trainable_only) count += static_cast<int64_t>(p->value.size());
  return count;
}
}  // namespace

std::vector<Parameter*> Model::all_parameters() {
  std::vector<Parameter*> params;
  for (auto& entry : impl_->entries)
    for (Parameter* p : entry.layer->parameters()) params.push_back(p);
  return params;
}

std::vector<Parameter*> Model::trainable_parameters() {
  std::vector<Parameter*> params = all_parameters();
  params.erase(std::remove_if(params.begin(), params.end(),
                              [](const Parameter* p) { return !p->trainable; }),
               params.end());
  return params;
}

int64_t Model::param_count() const { return count_values(impl_->entries, false); }
int64_t Model::trainable_param_count() const { return count_values(impl_->entries, true); }

bool Model::defer_final_softmax() {
  if (impl_->outputs_logits) return true;
  if (impl_->entries.empty()) return false;
  impl_->outputs_logits = impl_->entries.back().layer->defer_softmax();
  return impl_->outputs_logits;
}

bool Model::outputs_logits() const { return impl_->outputs_logits; }

const Tensor& Model::forward(const Tensor& x, bool training, uint64_t step_seed) {
  impl_->last_input = &x;
  impl_->last_forward_trained = training;
  const Tensor* in = &x;
  for (size_t i = 0; i < impl_->entries.size(); ++i) {
    StepContext ctx;
    ctx.training = training;
    ctx.seed = hash64(step_seed, i);
    impl_->entries[i].layer->forward(*in, impl_->outputs[i], ctx);
    in = &impl_->outputs[i];
  }
  return *in;
}

void Model::backward(const Tensor& grad_output) {
  if (!impl_->last_input || !impl_->last_forward_trained)
    throw Error("Model::backward needs a forward pass in training mode first");
  // Nothing before the first layer that learns needs a gradient: that layer gets no grad_in
  // and the ones before it (augmentation, say) are not called, so an augmented input costs no
  // input gradient of the first convolution.
  size_t first = 0;
  const auto learns = [](Layer& layer) {
    for (const Parameter* p : layer.parameters())
      if (p->trainable) return true;
    return false;
  };
  while (first < impl_->entries.size() && !learns(*impl_->entries[first].layer)) ++first;
  const Tensor* grad_out = &grad_output;
  for (size_t i = impl_->entries.size(); i-- > first;) {
    const Tensor& in = i == 0 ? *impl_->last_input : impl_->outputs[i - 1];
    Tensor* grad_in = i == first ? nullptr : &impl_->gradients[i % 2];
    impl_->entries[i].layer->backward(in, impl_->outputs[i], *grad_out, grad_in);
    grad_out = grad_in;
  }
}

namespace {
// Row-wise softmax over the last axis, shifted by the row maximum so that any logits work.
void softmax_rows(const Tensor& logits, Tensor& probs) {
  probs.resize(logits.dims());
  if (logits.empty()) return;
  const size_t cols = static_cast<size_t>(logits.dims().back());
  const size_t rows = logits.size() / cols;
  for (size_t r = 0; r < rows; ++r) {
    const float* in = logits.data() + r * cols;
    float* out = probs.data() + r * cols;
    const float peak = *std::max_element(in, in + cols);
    double sum = 0.0;
    for (size_t c = 0; c < cols; ++c) {
      out[c] = std::exp(in[c] - peak);
      sum += out[c];
    }
    const float inverse = static_cast<float>(1.0 / sum);
    for (size_t c = 0; c < cols; ++c) out[c] *= inverse;
  }
}
}  // namespace

void Model::predict_proba(const Tensor& x, Tensor& probs) {
  const Tensor& out = forward(x, false);
  if (impl_->outputs_logits)
    softmax_rows(out, probs);
  else
    probs = out;
}

}  // namespace cnnlab

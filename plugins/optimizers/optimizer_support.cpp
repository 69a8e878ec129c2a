#include "optimizer_support.hpp"

#include <cmath>

#include "cnnlab/error.hpp"
#include "cnnlab/parallel.hpp"

namespace cnnlab::optimizers {

namespace {
// Elements per parallel chunk: an update is a few flops per element, so a chunk must be large
// for a thread to be worth waking, and fixed so that chunking never depends on thread count.
constexpr int64_t kElementGrain = 1 << 15;
}  // namespace

double read_learning_rate(const Config& cfg, double fallback) {
  const double lr = cfg.get_double("learning_rate", fallback);
  if (!(lr > 0.0) || !std::isfinite(lr)) {
    cfg.fail("learning_rate", "'learning_rate' must be a positive number");
  }
  return lr;
}

double read_rate(const Config& cfg, const std::string& key, double fallback, bool one_allowed) {
  const double v = cfg.get_double(key, fallback);
  const bool in_range = v >= 0.0 && (one_allowed ? v <= 1.0 : v < 1.0);
  if (!in_range) {
    cfg.fail(key, "'" + key + "' must be in " + (one_allowed ? "[0, 1]" : "[0, 1)"));
  }
  return v;
}

double read_positive(const Config& cfg, const std::string& key, double fallback) {
  const double v = cfg.get_double(key, fallback);
  if (!(v > 0.0) || !std::isfinite(v)) cfg.fail(key, "'" + key + "' must be a positive number");
  return v;
}

ElementwiseOptimizer::ElementwiseOptimizer(std::string type, double learning_rate)
    : type_(std::move(type)), learning_rate_(learning_rate) {}

void ElementwiseOptimizer::attach(const std::vector<Parameter*>& params) {
  params_ = params;
  state_.clear();
  for (const Parameter* p : params_) {
    if (p->grad.size() != p->value.size()) {
      throw Error("optimizer '" + type_ + "': parameter '" + p->name +
                  "' has no gradient of its size (is it trainable?)");
    }
    state_.emplace_back(state_slots(), Tensor(p->value.dims()));
  }
  iterations_ = 0;
  attached_ = true;
}

void ElementwiseOptimizer::step() {
  if (!attached_) throw Error("optimizer '" + type_ + "': step() before attach()");
  ++iterations_;
  begin_step();
  for (size_t i = 0; i < params_.size(); ++i) {
    Parameter& p = *params_[i];
    float* w = p.value.data();
    const float* g = p.grad.data();
    std::vector<float*> state;
    for (Tensor& t : state_[i]) state.push_back(t.data());
    parallel_for(0, static_cast<int64_t>(p.value.size()), kElementGrain,
                 [&](int64_t begin, int64_t end) {
                   update(w, g, state, static_cast<size_t>(begin), static_cast<size_t>(end));
                 });
  }
}

OptimizerState ElementwiseOptimizer::save_state() const {
  if (!attached_) throw Error("optimizer '" + type_ + "': save_state() before attach()");
  OptimizerState saved;
  for (const auto& slots : state_)
    for (const Tensor& t : slots) saved.tensors.push_back(t);
  saved.scalars.push_back(static_cast<double>(iterations_));
  return saved;
}

void ElementwiseOptimizer::load_state(const OptimizerState& saved) {
  if (!attached_) throw Error("optimizer '" + type_ + "': load_state() before attach()");
  const size_t slots = state_slots();
  if (saved.tensors.size() != params_.size() * slots || saved.scalars.size() != 1)
    throw DataError("optimizer '" + type_ + "': the saved state holds " +
                    std::to_string(saved.tensors.size()) + " tensors, this model needs " +
                    std::to_string(params_.size() * slots));
  for (size_t i = 0; i < params_.size(); ++i)
    for (size_t k = 0; k < slots; ++k) {
      const Tensor& t = saved.tensors[i * slots + k];
      if (t.dims() != params_[i]->value.dims())
        throw DataError("optimizer '" + type_ + "': a saved state tensor has other dims than '" +
                        params_[i]->name + "'");
      state_[i][k] = t;
    }
  iterations_ = static_cast<int64_t>(saved.scalars[0]);
}

}  // namespace cnnlab::optimizers

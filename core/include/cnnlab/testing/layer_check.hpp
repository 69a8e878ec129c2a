#pragma once
// The contract every layer owes the model (cnnlab/layer.hpp), checked on one layer type in
// one configuration, together with its gradients (gradient_check.hpp). Framework-free: the
// report says what passed and what did not, and any test framework, or a plain main(), asserts
// on it and prints describe(report).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/layer.hpp"
#include "cnnlab/plugin_host.hpp"
#include "cnnlab/testing/gradient_check.hpp"

namespace cnnlab::testing {

// Makes a fresh, unbuilt layer of the type and configuration under check. The check calls it
// several times: to compare two builds, and to restore saved parameters into a new layer.
using LayerFactory = std::function<std::shared_ptr<Layer>()>;

struct LayerCheckOptions {
  uint64_t init_seed = 11;  // for build()
  uint64_t step_seed = 1;   // the StepContext seed of training forwards
  // Whether the training forward differs from inference: true for dropout, augmentation and
  // layers using batch statistics, and then required to differ; false requires both to give
  // the same output.
  bool training_differs = false;
  GradientCheckOptions gradients;
};

// One clause of the contract: "build", "output shape", "threads", "round trip", ...
struct ContractResult {
  std::string contract;
  bool passed = false;
  std::string detail;  // what was found: the evidence when passed, the difference when not
};

struct LayerCheckReport {
  std::string layer;  // "conv2d on (None, 7, 6, 3), batch of 3"
  std::vector<ContractResult> contracts;
  std::vector<GradientResult> gradients;
};

// Checks the layer that `make` makes, built for x's sample shape and run on the batch x.
// Trainable parameters that build() sets to one constant (zero biases, unit gammas) are first
// moved off it by U(-0.5, 0.5), so their gradients and their saving are checked at ordinary
// values. The contracts:
// - build: build() returns a shape, and the same seed gives the same parameters;
// - parameters: names non-empty and unique, trainable ones with a grad of the value's dims;
// - output shape: forward's output is {N, ...build()'s shape}, in training and at inference;
// - deterministic: the same input and seed give the same bits; inference ignores the seed;
// - training and inference: the same output, or different ones per training_differs;
// - threads: forward, backward and inference give the same bits at 1 and 2 threads
//   (ThreadLimit: an enclosing limit of 1 makes this check vacuous);
// - backward: the input gradient has the input's dims, every gradient is finite, and a
//   second backward gives the same gradients (they are overwritten, not accumulated);
// - round trip: the parameters, saved as a model file saves them (store_weights) and loaded
//   into a layer built with another seed (load_weights), give the same outputs;
// then the gradients against finite differences. An exception of the layer fails the
// contract it happened in; a build() that throws ends the check there.
CNNLAB_API LayerCheckReport check_layer(const LayerFactory& make, const Tensor& x,
                                        const LayerCheckOptions& options = {});

CNNLAB_API bool all_passed(const LayerCheckReport& report);
// One line per contract and per gradient tensor, each "ok" or "FAILED", after a headline.
CNNLAB_API std::string describe(const LayerCheckReport& report);
CNNLAB_API std::string describe(const ContractResult& result);

// A factory making `type` through `host` from `settings`, a YAML map such as
// "{filters: 4, kernel_size: 3}", checked like a layer of an experiment (unknown keys are an
// error). `host` must outlive the factory.
CNNLAB_API LayerFactory plugin_layer(const PluginHost& host, const std::string& type,
                                     const std::string& settings = "{}");

}  // namespace cnnlab::testing

// `--set KEY=VALUE`: each input line is one override (a NUL also ends one: a command-line
// argument cannot hold it), applied to a small experiment that has params, explicit variants
// and a grid, so that overrides can reach all of them.
#include <algorithm>
#include <string>
#include <vector>

#include "cnnlab/host/experiment.hpp"
#include "support.hpp"

namespace {

const char* const kExperiment = R"(name: fuzz
seed: 1
params: {rate: 0.25, bn: false, units: 8}
dataset: {type: idx, path: data}
model:
  input_shape: [8, 8, 1]
  layers:
    - {type: conv2d, filters: 2, kernel_size: 3, activation: relu}
    - {type: batchnorm, when: bn}
    - {type: dropout, rate: "${rate}", when: rate}
    - {type: flatten}
    - {type: dense, units: "${units}", activation: relu}
    - {type: dense, units: 2, activation: softmax}
training:
  epochs: 2
  batch_size: 4
  optimizer: {type: adam, learning_rate: 0.001}
  early_stopping: {monitor: val_loss, patience: 1}
cross_validation: {folds: 2}
variants:
  - {name: wide, params: {units: 16}}
grid:
  rate: [0.0, 0.5]
  bn: [false, true]
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<std::string> overrides;
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (size_t start = 0; start <= text.size();) {
    const size_t end = std::min(text.find_first_of(std::string("\n\0", 2), start), text.size());
    overrides.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  try {
    const cnnlab::ExperimentSpec spec =
        cnnlab::parse_experiment(kExperiment, "fuzz.yaml", cnnlab::fuzz::scratch_dir(), overrides);
    cnnlab::expand_variants(spec);
  } catch (const cnnlab::Error&) {
  }
  return 0;
}

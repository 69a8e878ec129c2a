// The round trip goes through a Model and the functions a model file stores and loads
// parameters with, so it checks what `cnnlab predict` will rely on: parameters() is the
// layer's whole learned state, under stable names.
#include "check_tensors.hpp"
#include "cnnlab/host/model.hpp"
#include "cnnlab/host/model_file.hpp"
#include "layer_contracts.hpp"

namespace cnnlab::testing {

Verdict check_round_trip(const Subject& s) {
  Model saved(s.input);
  saved.add(s.make(), s.options.init_seed);
  move_off_constants(*saved.layers().front().layer, s.options.init_seed);
  // One training step moves what training changes besides the weights (moving statistics).
  saved.forward(s.x, true, s.options.step_seed);
  ModelFile file;
  store_weights(saved, file);

  Model restored(s.input);
  restored.add(s.make(), s.options.init_seed + 1);
  load_weights(restored, file, "the saved parameters");

  for (const bool training : {false, true}) {
    const Tensor expected = saved.forward(s.x, training, s.options.step_seed);
    const std::string difference =
        first_difference(expected, restored.forward(s.x, training, s.options.step_seed));
    if (!difference.empty())
      return {false, std::string(training ? "training" : "inference") +
                         " output of the restored layer differs: " + difference};
  }
  std::string names;
  for (const auto& saved_tensor : file.tensors)
    names += (names.empty() ? "" : ", ") + saved_tensor.first;
  return {true, "restored into a layer built with another seed, the saved parameters (" +
                    (names.empty() ? "none" : names) + ") give the same outputs"};
}

}  // namespace cnnlab::testing

// The YAML experiment reader: the input is an experiment file. Reading it and expanding its
// variants is what every command does first (run, summary, bench, samples).
#include "cnnlab/host/experiment.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const cnnlab::ExperimentSpec spec =
        cnnlab::parse_experiment(text, "fuzz.yaml", cnnlab::fuzz::scratch_dir());
    cnnlab::expand_variants(spec);
  } catch (const cnnlab::Error&) {
  }
  return 0;
}

#pragma once
#include <string>
#include <vector>

#include "cnnlab/host/experiment.hpp"
#include "options.hpp"

namespace cnnlab::cli {

// What every command that reads an experiment takes: the file (first positional argument),
// --set KEY=VALUE (repeatable) and --variant NAME (repeatable only where several make sense).
struct ExperimentOptions {
  std::string file;
  std::vector<std::string> sets;
  std::vector<std::string> variants;
};

void add_experiment_options(po::options_description& options,
                            po::positional_options_description& positional,
                            ExperimentOptions& experiment, bool several_variants);

// The variant named by --variant, or the first one.
const ResolvedVariant& chosen_variant(const std::vector<ResolvedVariant>& variants,
                                      const ExperimentOptions& experiment);

}  // namespace cnnlab::cli

#include "experiment_options.hpp"

namespace cnnlab::cli {

void add_experiment_options(po::options_description& options,
                            po::positional_options_description& positional,
                            ExperimentOptions& experiment, bool several_variants) {
  options.add_options()("file", po::value<std::string>(&experiment.file)->required(),
                        "the experiment YAML file")(
      "set", po::value<std::vector<std::string>>(&experiment.sets)->composing(),
      "override a param or a dotted path, KEY=VALUE (repeatable)");
  if (several_variants)
    options.add_options()("variant",
                          po::value<std::vector<std::string>>(&experiment.variants)->composing(),
                          "run only this variant (repeatable; default: all)");
  else
    options.add_options()("variant", po::value<std::vector<std::string>>(&experiment.variants),
                          "the variant to use (default: the first)");
  positional.add("file", 1);
}

const ResolvedVariant& chosen_variant(const std::vector<ResolvedVariant>& variants,
                                      const ExperimentOptions& experiment) {
  return experiment.variants.empty() ? variants.front()
                                     : find_variant(variants, experiment.variants.front());
}

}  // namespace cnnlab::cli

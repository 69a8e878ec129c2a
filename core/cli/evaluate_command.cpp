// cnnlab evaluate MODEL --experiment FILE: a saved model on the experiment's test split,
// with per-class accuracy and the confusion matrix.
#include <cstdio>
#include <iostream>

#include "cnnlab/host/experiment.hpp"
#include "cnnlab/host/runner.hpp"
#include "cnnlab/host/trained_model.hpp"
#include "cnnlab/host/trainer.hpp"
#include "command.hpp"
#include "options.hpp"

namespace cnnlab::cli {

namespace {

void print_per_class(const Evaluation& e, const std::vector<std::string>& names) {
  size_t width = 5;
  for (const auto& n : names) width = std::max(width, n.size());
  std::printf("\n%-*s  %8s  %8s\n", static_cast<int>(width), "class", "accuracy", "support");
  for (int c = 0; c < e.confusion.num_classes(); ++c) {
    const std::string name = c < static_cast<int>(names.size()) ? names[c] : std::to_string(c);
    std::printf("%-*s  %8.4f  %8lld\n", static_cast<int>(width), name.c_str(),
                e.per_class_accuracy[c], static_cast<long long>(e.confusion.support(c)));
  }
  std::printf("\nconfusion matrix (rows: true class, columns: predicted class)\n%*s",
              static_cast<int>(width), "");
  for (int c = 0; c < e.confusion.num_classes(); ++c) std::printf(" %6d", c);
  std::printf("\n");
  for (int r = 0; r < e.confusion.num_classes(); ++r) {
    const std::string name = r < static_cast<int>(names.size()) ? names[r] : std::to_string(r);
    std::printf("%-*s", static_cast<int>(width), name.c_str());
    for (int c = 0; c < e.confusion.num_classes(); ++c)
      std::printf(" %6lld", static_cast<long long>(e.confusion.count(r, c)));
    std::printf("\n");
  }
}

int run_evaluate(const std::vector<std::string>& args) {
  CommonOptions common;
  std::string model_path, experiment;
  std::vector<std::string> sets;
  int batch = 200;
  po::options_description options("options");
  options.add_options()("model", po::value<std::string>(&model_path)->required(),
                        "model file (.cnnlab)")("experiment",
                                                po::value<std::string>(&experiment)->required(),
                                                "experiment whose dataset's test split is used")(
      "set", po::value<std::vector<std::string>>(&sets)->composing(),
      "override a key of the experiment: KEY=VALUE (repeatable)")(
      "batch", po::value<int>(&batch)->default_value(200), "batch size");
  add_common_options(options, common);
  po::positional_options_description positional;
  positional.add("model", 1);
  po::variables_map vm;
  if (!parse_args(args, options, positional, "cnnlab evaluate MODEL --experiment FILE", vm))
    return 0;
  if (batch < 1) throw ConfigError("--batch must be at least 1");

  const auto threads = limit_threads(common);
  const auto host = load_plugins(common);
  TrainedModel trained = load_trained_model(model_path, *host);
  const ExperimentSpec spec = load_experiment(experiment, sets);
  const ExperimentData data = load_experiment_data(spec, *host);
  if (data.test.size() == 0) throw DataError(experiment + ": the dataset has no test split");
  // Checked before the first batch: a label past the model's outputs would be read out of range.
  check_output_units(trained.model, data.info, spec.model.location);
  if (data.info.input_shape != trained.file.input_shape)
    throw DataError(experiment + ": the dataset's images are " +
                    shape_to_string(data.info.input_shape) + " but " + model_path + " takes " +
                    shape_to_string(trained.file.input_shape));
  const Evaluation e = evaluate(trained.model, all_samples(data.test), batch, trained.file.scale);
  std::printf("%zu test images - loss: %.4f - accuracy: %.4f\n", e.samples, e.loss, e.accuracy);
  const auto& names =
      trained.file.class_names.empty() ? data.info.class_names : trained.file.class_names;
  print_per_class(e, names);
  return 0;
}

}  // namespace

Command evaluate_command() {
  return {"evaluate", "evaluate a saved model on an experiment's test split", run_evaluate};
}

}  // namespace cnnlab::cli

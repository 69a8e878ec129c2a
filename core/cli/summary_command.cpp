// cnnlab summary FILE: the model as Keras' model.summary() prints it, then what `run` would do.
#include <iostream>
#include <sstream>

#include "cnnlab/host/experiment.hpp"
#include "cnnlab/text.hpp"
#include "command.hpp"
#include "experiment_options.hpp"
#include "options.hpp"

namespace cnnlab::cli {

namespace {

std::string plugin_text(const PluginSpec& plugin) {
  if (plugin.config.entries.empty()) return plugin.type;
  return plugin.type + " " + to_flow_yaml(plugin.config);
}

std::string number_text(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

std::string dataset_line(const DatasetSpec& dataset) {
  std::string line = plugin_text(dataset);
  if (dataset.limit_train) line += ", first " + std::to_string(*dataset.limit_train) + " training";
  if (dataset.limit_test) line += ", first " + std::to_string(*dataset.limit_test) + " test";
  return line;
}

std::string training_line(const TrainingSpec& training) {
  return std::to_string(training.epochs) + " epochs, batch " + std::to_string(training.batch_size) +
         ", " + plugin_text(training.optimizer) + ", " + training.loss +
         (training.shuffle ? ", shuffled" : ", not shuffled");
}

std::string validation_line(const ExperimentSpec& spec) {
  if (const auto& cv = spec.cross_validation)
    return std::to_string(cv->folds) + "-fold cross-validation" +
           (cv->stratified ? ", stratified" : "") + (cv->shuffle ? ", shuffled" : "");
  if (spec.training.validation_split > 0.0)
    return "hold out " + number_text(spec.training.validation_split * 100) +
           "% of the training split";
  return "none (test split only)";
}

std::string numbers_text(const std::vector<double>& xs) {
  std::vector<std::string> items;
  for (double x : xs) items.push_back(number_text(x));
  return "[" + join(items) + "]";
}

std::string schedule_line(const LrScheduleOptions& s) {
  switch (s.kind) {
    case LrScheduleKind::step:
      return "step: x" + number_text(s.gamma) + " every " + std::to_string(s.step_size) + " epochs";
    case LrScheduleKind::piecewise: {
      std::vector<double> boundaries(s.boundaries.begin(), s.boundaries.end());
      return "piecewise: " + numbers_text(s.values) + " split at epochs " +
             numbers_text(boundaries);
    }
    case LrScheduleKind::exponential:
      return "exponential: x" + number_text(s.decay_rate) + " every " +
             std::to_string(s.decay_epochs) + " epochs" + (s.staircase ? ", staircase" : "");
    case LrScheduleKind::cosine:
      return "cosine to " + number_text(s.alpha) + " x the rate" +
             (s.warmup_epochs == 1  ? ", 1 warm-up epoch"
              : s.warmup_epochs > 1 ? ", " + std::to_string(s.warmup_epochs) + " warm-up epochs"
                                    : "");
    case LrScheduleKind::one_cycle:
      return "one_cycle: pct_start " + number_text(s.pct_start) + ", div_factor " +
             number_text(s.div_factor) + ", final_div_factor " + number_text(s.final_div_factor);
  }
  return "";
}

std::string plateau_line(const ReduceLrOnPlateauOptions& p) {
  return "monitor " + p.monitor + ", factor " + number_text(p.factor) + ", patience " +
         std::to_string(p.patience) + ", min_delta " + number_text(p.min_delta) + ", cooldown " +
         std::to_string(p.cooldown) + ", min_lr " + number_text(p.min_lr);
}

// The step's extras, empty when none is set.
std::string regularisation_line(const TrainingSpec& t) {
  std::vector<std::string> parts;
  if (t.weight_decay > 0)
    parts.push_back("weight decay " + number_text(t.weight_decay) + " (decoupled)");
  if (t.clipping.clipnorm) parts.push_back("clipnorm " + number_text(*t.clipping.clipnorm));
  if (t.clipping.clipvalue) parts.push_back("clipvalue " + number_text(*t.clipping.clipvalue));
  if (t.clipping.global_clipnorm)
    parts.push_back("global_clipnorm " + number_text(*t.clipping.global_clipnorm));
  if (t.label_smoothing > 0) parts.push_back("label smoothing " + number_text(t.label_smoothing));
  if (t.precise_bn_batches > 0)
    parts.push_back("precise batchnorm over " + std::to_string(t.precise_bn_batches) + " batches");
  return join(parts);
}

std::string early_stopping_line(const EarlyStoppingOptions& es) {
  std::string line = "monitor " + es.monitor + ", patience " + std::to_string(es.patience) +
                     ", min_delta " + number_text(es.min_delta) + ", mode " +
                     monitor_mode_name(es.mode);
  if (es.baseline) line += ", baseline " + number_text(*es.baseline);
  if (es.start_from_epoch) line += ", from epoch " + std::to_string(es.start_from_epoch);
  if (es.restore_best_weights) line += ", restore best weights";
  return line;
}

// `variants` is empty when the file declares none.
void print_plan(const ResolvedVariant& shown, const std::vector<ResolvedVariant>& variants,
                const std::vector<std::string>& notes) {
  const ExperimentSpec& spec = shown.spec;
  const auto row = [](const std::string& label, const std::string& text) {
    std::string padded = label;
    padded.resize(16, ' ');
    std::cout << "  " << padded << text << "\n";
  };
  std::cout << "\nWould run:\n";
  row("dataset", dataset_line(spec.dataset));
  row("training", training_line(spec.training));
  row("validation", validation_line(spec));
  if (spec.training.lr_schedule) row("lr schedule", schedule_line(*spec.training.lr_schedule));
  if (spec.training.reduce_lr_on_plateau)
    row("lr on plateau", plateau_line(*spec.training.reduce_lr_on_plateau));
  if (const std::string extras = regularisation_line(spec.training); !extras.empty())
    row("regularisation", extras);
  if (spec.training.early_stopping)
    row("early stopping", early_stopping_line(*spec.training.early_stopping));
  if (spec.training.save_model) row("save model", *spec.training.save_model);
  row("seed", std::to_string(spec.seed));
  for (const auto& note : notes) row("note", note);
  if (variants.empty()) return;
  std::string names;
  for (const auto& v : variants) names += (names.empty() ? "" : ", ") + v.name;
  row("variants", std::to_string(variants.size()) + ": " + names);
  std::cout << "  (shown: '" << shown.name << "'; pick another with --variant NAME)\n";
}

int run_summary(const std::vector<std::string>& args) {
  CommonOptions common;
  ExperimentOptions experiment;
  po::options_description options("options");
  po::positional_options_description positional;
  add_experiment_options(options, positional, experiment, false);
  add_common_options(options, common);
  po::variables_map vm;
  if (!parse_args(args, options, positional,
                  "cnnlab summary FILE [--variant NAME] [--set KEY=VALUE]... [--plugins DIR]...",
                  vm))
    return 0;

  const ExperimentSpec spec = load_experiment(experiment.file, experiment.sets);
  const std::vector<ResolvedVariant> variants = expand_variants(spec);
  const ResolvedVariant& variant = chosen_variant(variants, experiment);
  const auto host = load_plugins(common);
  const Shape input_shape = resolve_input_shape(variant.spec, *host);
  const Model model = build_model(variant.spec, *host, input_shape);
  const std::vector<std::string> notes = check_dataset_and_optimizer(variant.spec, *host);

  std::cout << "Experiment \"" << spec.name << "\" (" << spec.file << ")";
  if (!spec.variants.empty()) std::cout << ", variant \"" << variant.name << "\"";
  std::cout << "\n" << model_summary(model);
  print_plan(variant, spec.variants.empty() ? std::vector<ResolvedVariant>{} : variants, notes);
  return 0;
}

}  // namespace

Command summary_command() {
  return {"summary", "print an experiment's model like Keras' model.summary()", run_summary};
}

}  // namespace cnnlab::cli

#include <cmath>
#include <iostream>
#include <set>

#include "cnnlab/host/stats.hpp"
#include "cnnlab/host/table_format.hpp"
#include "runs_subcommands.hpp"
#include "runs_text.hpp"

namespace cnnlab::cli {

namespace {

struct FoldMetric {
  const char* name;
  double FoldRecord::*field;
  int decimals;
};

const FoldMetric kMetrics[] = {
    {"val_loss", &FoldRecord::val_loss, 4},
    {"val_accuracy", &FoldRecord::val_accuracy, 4},
    {"test_loss", &FoldRecord::test_loss, 4},
    {"test_accuracy", &FoldRecord::test_accuracy, 4},
    {"train_seconds", &FoldRecord::train_seconds, 1},
};

std::string param_value(const RunInfo& run, const std::string& name) {
  for (const auto& [n, value] : run.params)
    if (n == name) return value;
  return "-";
}

// Every parameter name of every run, in first-seen order.
std::vector<std::string> param_names(const std::vector<RunDetail>& runs) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& r : runs)
    for (const auto& [name, value] : r.run.params)
      if (seen.insert(name).second) names.push_back(name);
  return names;
}

void add_row(ResultTable& table, const std::string& label, const std::vector<RunDetail>& runs,
             std::string (*value)(const RunDetail&)) {
  std::vector<Cell> row{text_cell(label)};
  for (const auto& r : runs) row.push_back(text_cell(value(r)));
  table.rows.push_back(std::move(row));
}

void add_params(ResultTable& table, const std::vector<RunDetail>& runs, bool only_changed) {
  for (const auto& name : param_names(runs)) {
    std::set<std::string> values;
    for (const auto& r : runs) values.insert(param_value(r.run, name));
    const bool changed = values.size() > 1;
    if (only_changed && !changed) continue;
    std::vector<Cell> row{text_cell((changed ? "* " : "  ") + name)};
    for (const auto& r : runs) row.push_back(text_cell(param_value(r.run, name)));
    table.rows.push_back(std::move(row));
  }
}

std::vector<double> fold_values(const RunDetail& r, double FoldRecord::*field) {
  std::vector<double> values;
  for (const auto& f : r.folds) values.push_back(f.*field);
  return values;
}

void add_metrics(ResultTable& table, const std::vector<RunDetail>& runs) {
  for (const auto& metric : kMetrics) {
    std::vector<Cell> row{text_cell(metric.name)};
    for (const auto& r : runs)
      row.push_back(text_cell(mean_std(fold_values(r, metric.field), metric.decimals)));
    table.rows.push_back(std::move(row));
  }
  std::vector<Cell> row{text_cell("best_epoch")};
  for (const auto& r : runs) {
    std::vector<double> best;
    for (const auto& f : r.folds) best.push_back(f.best_epoch > 0 ? f.best_epoch : kNoValue);
    row.push_back(text_cell(mean_std(best, 1)));
  }
  table.rows.push_back(std::move(row));
}

// Why two runs cannot be paired fold by fold, or "" when they can: the folds are the same
// only for the same experiment, seed and number of folds, and the test needs two or more.
std::string unpaired_reason(const RunDetail& a, const RunDetail& b) {
  if (a.run.experiment != b.run.experiment) return "different experiments";
  if (a.run.seed != b.run.seed) return "different seeds, so different folds";
  if (a.folds.size() != b.folds.size()) return "different numbers of finished folds";
  if (a.folds.size() < 2) return "fewer than two folds";
  for (size_t i = 0; i < a.folds.size(); ++i) {
    if (a.folds[i].fold != b.folds[i].fold) return "different fold numbers";
    if (!std::isfinite(a.folds[i].test_accuracy) || !std::isfinite(b.folds[i].test_accuracy))
      return "a fold without test accuracy";
  }
  return "";
}

void print_paired_tests(const std::vector<RunDetail>& runs) {
  const RunDetail& base = runs.front();
  std::cout << "\npaired test on test_accuracy against run " << base.run.id
            << " (Nadeau-Bengio corrected resampled t-test over folds, two-sided):\n";
  for (size_t i = 1; i < runs.size(); ++i) {
    const RunDetail& other = runs[i];
    std::cout << "  run " << other.run.id << ": ";
    const std::string reason = unpaired_reason(base, other);
    if (!reason.empty()) {
      std::cout << "not paired (" << reason << ")\n";
      continue;
    }
    const auto a = fold_values(other, &FoldRecord::test_accuracy);
    const auto b = fold_values(base, &FoldRecord::test_accuracy);
    // K-fold: each fold tests on 1 part and trains on k-1, so n_test/n_train = 1/(k-1).
    const auto test = corrected_paired_t_test(a, b, a.size() - 1, 1);
    char line[160];
    std::snprintf(line, sizeof line, "difference %+.4f, t = %.3f, dof = %.0f, p = %.4f",
                  test.mean_difference, test.t, test.dof, test.p_value);
    std::cout << line << (test.p_value < 0.05 ? "  (significant at 0.05)" : "") << "\n";
  }
}

}  // namespace

int runs_compare(const Args& args) {
  std::string db;
  std::vector<std::string> ids;
  bool only_changed = false;
  po::options_description options("options");
  add_db_option(options, db);
  options.add_options()("ids", po::value<std::vector<std::string>>(&ids)->required(),
                        "two or more run ids or uuid prefixes")(
      "only-changed", po::bool_switch(&only_changed), "show only the params that differ");
  po::positional_options_description positional;
  positional.add("ids", -1);
  po::variables_map vm;
  if (!parse_args(args, options, positional,
                  "cnnlab runs compare ID ID... [--only-changed] [--db PATH]", vm))
    return 0;
  if (ids.size() < 2) throw ConfigError("runs compare needs two or more runs");
  const auto store = open_history(db);
  std::vector<RunDetail> runs;
  for (const auto& id : ids) runs.push_back(store.load_run(store.find_run(id)));

  ResultTable table;
  table.columns = {""};
  for (const auto& r : runs) table.columns.push_back("run " + std::to_string(r.run.id));
  add_row(table, "uuid", runs, [](const RunDetail& r) { return r.run.uuid.substr(0, 8); });
  add_row(table, "experiment", runs, [](const RunDetail& r) { return r.run.experiment; });
  add_row(table, "variant", runs, [](const RunDetail& r) { return r.run.variant; });
  add_row(table, "status", runs, [](const RunDetail& r) { return to_string(r.run.status); });
  add_row(table, "seed", runs, [](const RunDetail& r) { return std::to_string(r.run.seed); });
  add_row(table, "folds", runs, [](const RunDetail& r) { return std::to_string(r.folds.size()); });
  add_params(table, runs, only_changed);
  add_metrics(table, runs);
  write_table(std::cout, table, TableFormat::table);
  std::cout << "(params marked * differ; metrics are mean ± std over folds)\n";
  print_paired_tests(runs);
  return 0;
}

}  // namespace cnnlab::cli

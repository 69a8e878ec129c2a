#include <algorithm>
#include <iostream>

#include "cnnlab/host/table_format.hpp"
#include "runs_subcommands.hpp"
#include "runs_text.hpp"

namespace cnnlab::cli {

namespace {

void print_header(const RunInfo& run) {
  std::cout << "run " << run.id << "  " << run.uuid << "\n"
            << "experiment  " << run.experiment << "\n"
            << "variant     " << run.variant << "\n"
            << "status      " << to_string(run.status) << "\n";
  if (!run.error.empty()) std::cout << "error       " << run.error << "\n";
  std::cout << "seed        " << run.seed << "\n"
            << "started     " << run.started_at << "\n"
            << "finished    " << (run.finished_at.empty() ? "-" : run.finished_at) << "\n"
            << "host        " << run.host << " (pid " << run.pid << "), " << run.threads
            << " threads, cnnlab " << run.cnnlab_version << "\n";
  if (!run.params.empty()) {
    std::cout << "params     ";
    for (const auto& [name, value] : run.params) std::cout << " " << name << "=" << value;
    std::cout << "\n";
  }
}

void print_folds(const RunDetail& detail) {
  std::cout << "\nfolds:\n";
  if (detail.folds.empty()) {
    std::cout << "  (no finished fold)\n";
    return;
  }
  ResultTable table;
  table.columns = {"fold",         "status",    "best_epoch",    "stopped_epoch", "val_loss",
                   "val_accuracy", "test_loss", "test_accuracy", "train_seconds"};
  std::vector<double> val_loss, val_accuracy, test_loss, test_accuracy, best, seconds;
  for (const auto& f : detail.folds) {
    table.rows.push_back({integer_cell(f.fold), text_cell(f.diverged ? "diverged" : "completed"),
                          f.best_epoch > 0 ? integer_cell(f.best_epoch) : Cell{},
                          integer_cell(f.stopped_epoch), number_cell(f.val_loss),
                          number_cell(f.val_accuracy), number_cell(f.test_loss),
                          number_cell(f.test_accuracy), number_cell(f.train_seconds)});
    val_loss.push_back(f.val_loss);
    val_accuracy.push_back(f.val_accuracy);
    test_loss.push_back(f.test_loss);
    test_accuracy.push_back(f.test_accuracy);
    best.push_back(f.best_epoch > 0 ? f.best_epoch : kNoValue);
    seconds.push_back(f.train_seconds);
  }
  write_table(std::cout, table, TableFormat::table);
  if (detail.folds.size() < 2) return;
  std::cout << "mean ± std over " << detail.folds.size() << " folds:  val_loss "
            << mean_std(val_loss) << ", val_accuracy " << mean_std(val_accuracy) << ", test_loss "
            << mean_std(test_loss) << ", test_accuracy " << mean_std(test_accuracy)
            << ", best_epoch " << mean_std(best, 1) << ", train_seconds " << mean_std(seconds, 1)
            << "\n";
}

double monitored(const EpochRecord& e, const std::string& metric) {
  if (metric == "loss") return e.loss;
  if (metric == "accuracy") return e.accuracy;
  if (metric == "val_accuracy") return e.val_accuracy;
  return e.val_loss;
}

// The monitored metric per epoch: one column per fold, and a sparkline per fold.
void print_curve(const RunDetail& detail) {
  const std::string metric = detail.run.monitor == "loss" || detail.run.monitor == "accuracy" ||
                                     detail.run.monitor == "val_accuracy"
                                 ? detail.run.monitor
                                 : "val_loss";
  std::cout << "\n" << metric << " per epoch";
  if (metric == detail.run.monitor) std::cout << " (the monitored metric)";
  std::cout << ":\n";
  if (detail.epochs.empty()) {
    std::cout << "  (no finished epoch)\n";
    return;
  }
  ResultTable table;
  table.columns = {"epoch"};
  size_t longest = 0;
  for (const auto& [fold, epochs] : detail.epochs) {
    table.columns.push_back("fold " + std::to_string(fold));
    for (const auto& e : epochs) longest = std::max(longest, static_cast<size_t>(e.epoch));
  }
  for (size_t epoch = 1; epoch <= longest; ++epoch) {
    std::vector<Cell> row{integer_cell(static_cast<int64_t>(epoch))};
    for (const auto& [fold, epochs] : detail.epochs) {
      Cell cell;
      for (const auto& e : epochs)
        if (e.epoch == static_cast<int>(epoch)) cell = number_cell(monitored(e, metric));
      row.push_back(cell);
    }
    table.rows.push_back(std::move(row));
  }
  write_table(std::cout, table, TableFormat::table);
  std::cout << "\n";
  for (const auto& [fold, epochs] : detail.epochs) {
    std::vector<double> values;
    for (const auto& e : epochs) values.push_back(monitored(e, metric));
    std::cout << "fold " << fold << "  " << sparkline(values) << "\n";
  }
}

void print_artifacts(const RunDetail& detail) {
  if (detail.artifacts.empty()) return;
  std::cout << "\nartifacts:\n";
  for (const auto& a : detail.artifacts)
    std::cout << "  fold " << a.fold << "  " << a.kind << "  " << a.path << "\n";
}

}  // namespace

int runs_show(const Args& args) {
  std::string db, id;
  bool no_config = false;
  po::options_description options("options");
  add_db_option(options, db);
  options.add_options()("id", po::value<std::string>(&id)->required(), "run id or uuid prefix")(
      "no-config", po::bool_switch(&no_config), "leave out the resolved experiment YAML");
  po::positional_options_description positional;
  positional.add("id", 1);
  po::variables_map vm;
  if (!parse_args(args, options, positional, "cnnlab runs show ID [--no-config] [--db PATH]", vm))
    return 0;
  const auto store = open_history(db);
  const RunDetail detail = store.load_run(store.find_run(id));
  print_header(detail.run);
  print_folds(detail);
  print_curve(detail);
  print_artifacts(detail);
  if (!no_config) {
    std::cout << "\nconfig (resolved):\n" << detail.run.resolved_yaml;
    if (!detail.run.resolved_yaml.empty() && detail.run.resolved_yaml.back() != '\n')
      std::cout << "\n";
  }
  return 0;
}

}  // namespace cnnlab::cli

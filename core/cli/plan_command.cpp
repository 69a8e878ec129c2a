// cnnlab plan FILE: the experiment's cells and fingerprint, what `run --cell N` and a
// scheduler work with.
#include <iostream>

#include "cnnlab/host/runner.hpp"
#include "cnnlab/host/table_format.hpp"
#include "command.hpp"
#include "experiment_options.hpp"
#include "options.hpp"
#include "runs_text.hpp"

namespace cnnlab::cli {

namespace {

int run_plan(const std::vector<std::string>& args) {
  CommonOptions common;
  ExperimentOptions experiment;
  std::string format = "table";
  po::options_description options("options");
  po::positional_options_description positional;
  add_experiment_options(options, positional, experiment, true);
  options.add_options()("format", po::value<std::string>(&format),
                        "table (default), csv or json (one object per cell)");
  add_common_options(options, common);
  po::variables_map vm;
  if (!parse_args(args, options, positional,
                  "cnnlab plan FILE [--variant NAME]... [--set KEY=VALUE]... [--format F]", vm))
    return 0;
  const TableFormat table_format = parse_table_format(format);
  const auto threads = limit_threads(common);
  const ExperimentSpec spec = load_experiment(experiment.file, experiment.sets);
  const auto host = load_plugins(common);
  const ExperimentPlan plan = plan_experiment(spec, *host, experiment.variants);

  ResultTable table;
  table.columns = {"cell", "variant", "fold", "train", "validation"};
  if (table_format != TableFormat::table) table.columns.push_back("fingerprint");
  for (const CellPlan& cell : plan.cells) {
    table.rows.push_back({integer_cell(cell.index), text_cell(cell.variant),
                          integer_cell(cell.fold),
                          integer_cell(static_cast<int64_t>(cell.train_samples)),
                          integer_cell(static_cast<int64_t>(cell.validation_samples))});
    if (table_format != TableFormat::table)
      table.rows.back().push_back(text_cell(plan.identity.fingerprint));
  }
  if (table_format == TableFormat::table) {
    std::cout << "Experiment " << spec.name << " (" << experiment.file << ")\n"
              << "Fingerprint " << plan.identity.fingerprint << "\n"
              << "Data (bytes, modified ns, path):\n";
    if (plan.identity.data_identity.empty()) std::cout << "  (no files named by the dataset)\n";
    std::string line;
    for (char c : plan.identity.data_identity) {
      if (c != '\n') {
        line += c;
        continue;
      }
      std::cout << "  " << line << "\n";
      line.clear();
    }
    std::cout << "\n";
  }
  write_table(std::cout, table, table_format);
  if (table_format == TableFormat::table)
    std::cout << plan.cells.size() << " cell(s); `cnnlab run " << experiment.file
              << " --cell N` runs one\n";
  return 0;
}

}  // namespace

Command plan_command() {
  return {"plan", "list an experiment's cells (variant x fold) and its fingerprint", run_plan};
}

}  // namespace cnnlab::cli

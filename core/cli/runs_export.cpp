#include <iostream>

#include "cnnlab/host/table_format.hpp"
#include "runs_subcommands.hpp"

namespace cnnlab::cli {

int runs_export(const Args& args) {
  std::string db, format = "csv";
  bool epochs = false, folds = false;
  po::options_description options("options");
  add_db_option(options, db);
  options.add_options()("format", po::value<std::string>(&format)->default_value("csv"),
                        "csv or json")("epochs", po::bool_switch(&epochs),
                                       "one row per epoch of every run and fold")(
      "folds", po::bool_switch(&folds), "one row per fold of every run");
  po::variables_map vm;
  if (!parse_args(args, options, {},
                  "cnnlab runs export [--format csv|json] [--epochs | --folds] [--db PATH]\n\n"
                  "Without --epochs or --folds: one row per run with every run column, the fold\n"
                  "means, one param_NAME column per variant parameter and both YAML texts.",
                  vm))
    return 0;
  const TableFormat table_format = parse_table_format(format, false);
  if (epochs && folds) throw ConfigError("runs export: give --epochs or --folds, not both");
  const auto store = open_history(db);
  const ResultTable table = epochs  ? store.export_epochs()
                            : folds ? store.export_folds()
                                    : store.export_runs();
  write_table(std::cout, table, table_format);
  return 0;
}

}  // namespace cnnlab::cli

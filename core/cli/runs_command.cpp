#include <iostream>

#include "cnnlab/config.hpp"
#include "command.hpp"
#include "runs_subcommands.hpp"

namespace cnnlab::cli {

namespace {

struct Subcommand {
  const char* name;
  const char* summary;
  int (*run)(const Args& args);
};

const Subcommand kSubcommands[] = {
    {"list", "one row per run with its mean fold metrics; filters, sorting, table/CSV/JSON",
     runs_list},
    {"show", "one run: settings, per-fold results, the monitored metric per epoch, config",
     runs_show},
    {"compare", "runs side by side: changed params, mean +- std, paired test over folds",
     runs_compare},
    {"export", "every run (or fold, or epoch) as CSV or JSON for pandas or a spreadsheet",
     runs_export},
    {"plot", "learning curves of a run as a PNG", runs_plot},
    {"rm", "delete runs with their folds, epochs and artifact records", runs_rm},
    {"merge", "copy other histories (cell histories of a distributed run) into this one",
     runs_merge},
    {"report", "runs as one self-contained HTML page: table, curves, confusion matrices",
     runs_report},
};

void print_usage(std::ostream& out) {
  out << "usage: cnnlab runs SUBCOMMAND [OPTIONS]\n\n"
         "Query the run history (--db PATH, else $CNNLAB_DB, else ./cnnlab.db).\n\n"
         "subcommands:\n";
  for (const auto& s : kSubcommands) {
    std::string name = s.name;
    name.resize(10, ' ');
    out << "  " << name << s.summary << "\n";
  }
  out << "\n`cnnlab runs SUBCOMMAND --help` describes its options.\n";
}

int run_runs(const Args& args) {
  if (args.empty()) {
    print_usage(std::cerr);
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h") {
    print_usage(std::cout);
    return 0;
  }
  std::vector<std::string> names;
  for (const auto& s : kSubcommands) {
    if (args[0] == s.name) return s.run(Args(args.begin() + 1, args.end()));
    names.push_back(s.name);
  }
  const std::string hint = closest_match(args[0], names);
  throw ConfigError("runs: unknown subcommand '" + args[0] + "'" +
                    (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                    "; subcommands: list, show, compare, export, plot, rm, merge, report");
}

}  // namespace

void add_db_option(po::options_description& options, std::string& db_flag) {
  options.add_options()("db", po::value<std::string>(&db_flag),
                        "run history file (default: $CNNLAB_DB, else cnnlab.db)");
}

RunStore open_history(const std::string& db_flag) {
  return RunStore::open_existing(resolve_db_path(db_flag));
}

Command runs_command() {
  return {"runs", "query the run history: list, show, compare, export, plot, rm", run_runs};
}

}  // namespace cnnlab::cli

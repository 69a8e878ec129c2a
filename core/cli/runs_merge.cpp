// cnnlab runs merge SRC.db... [--into DEST.db]: the cell histories of distributed runs (or any
// other histories) copied into one, each launch's comparison table and missing cells printed.
#include <iostream>

#include "cnnlab/host/runner.hpp"
#include "launch_report.hpp"
#include "runs_subcommands.hpp"

namespace cnnlab::cli {

int runs_merge(const Args& args) {
  std::string into;
  std::vector<std::string> sources;
  po::options_description options("options");
  options.add_options()("into", po::value<std::string>(&into),
                        "the history to merge into (default: --db, $CNNLAB_DB, else cnnlab.db)")(
      "db", po::value<std::string>(&into), "the same as --into")(
      "sources", po::value<std::vector<std::string>>(&sources)->required(),
      "histories to copy from");
  po::positional_options_description positional;
  positional.add("sources", -1);
  po::variables_map vm;
  if (!parse_args(args, options, positional, "cnnlab runs merge SRC.db... [--into DEST.db]", vm))
    return 0;
  const std::string path = resolve_db_path(into);
  const MergeReport report = RunStore::merge(sources, path);
  const RunStore store = RunStore::open_existing(path);
  std::cout << "Merged " << sources.size() << " histor" << (sources.size() == 1 ? "y" : "ies")
            << " into " << store.path() << ": " << report.runs_added << " new run(s), "
            << report.folds_added << " new fold(s)\n";
  for (const auto& launch : report.launches)
    print_launch_report(std::cout, launch_result(store, launch));
  return 0;
}

}  // namespace cnnlab::cli

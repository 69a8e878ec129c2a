#include <algorithm>
#include <iostream>

#include "runs_subcommands.hpp"

namespace cnnlab::cli {

int runs_rm(const Args& args) {
  std::string db;
  std::vector<std::string> ids;
  po::options_description options("options");
  add_db_option(options, db);
  options.add_options()("ids", po::value<std::vector<std::string>>(&ids)->required(),
                        "run ids or uuid prefixes");
  po::positional_options_description positional;
  positional.add("ids", -1);
  po::variables_map vm;
  if (!parse_args(args, options, positional, "cnnlab runs rm ID... [--db PATH]", vm)) return 0;
  auto store = open_history(db);
  // Every id must name a run before any is deleted: a typo deletes nothing.
  std::vector<RunInfo> runs;
  for (const auto& id : ids) {
    const int64_t run_id = store.find_run(id);
    if (std::none_of(runs.begin(), runs.end(), [&](const RunInfo& r) { return r.id == run_id; }))
      runs.push_back(store.load_run(run_id).run);
  }
  for (const auto& run : runs) {
    store.remove_run(run.id);
    std::cout << "deleted run " << run.id << " (" << run.uuid << ", " << run.experiment << " / "
              << run.variant << ")\n";
  }
  return 0;
}

}  // namespace cnnlab::cli

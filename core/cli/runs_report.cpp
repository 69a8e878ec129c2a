// cnnlab runs report [ID...] [--experiment NAME] -o report.html: stored runs as one HTML page.
#include <chrono>
#include <ctime>
#include <iostream>

#include "cnnlab/host/html_report.hpp"
#include "cnnlab/host/picture.hpp"
#include "runs_subcommands.hpp"

namespace cnnlab::cli {

namespace {

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// The named runs; else the newest launch of the experiment; else the newest launch of all.
std::vector<RunInfo> chosen_runs(const RunStore& store, const std::vector<std::string>& ids,
                                 const std::string& experiment) {
  std::vector<RunInfo> runs;
  if (!ids.empty()) {
    for (const auto& id : ids) runs.push_back(store.load_run(store.find_run(id)).run);
    return runs;
  }
  std::string name = experiment;
  if (name.empty()) {
    RunQuery newest;
    newest.descending = true;
    newest.limit = 1;
    const ResultTable table = store.list_runs(newest);
    if (table.rows.empty()) throw ConfigError(store.path() + " holds no runs to report");
    name = store.load_run(table.rows[0][0].integer).run.experiment;
  }
  const auto launches = store.experiment_launches(name);
  if (launches.empty())
    throw ConfigError(store.path() + " holds no runs of experiment " + quoted(name));
  return launches.front();
}

}  // namespace

int runs_report(const Args& args) {
  std::string db, experiment, output;
  std::vector<std::string> ids;
  po::options_description options("options");
  add_db_option(options, db);
  options.add_options()(
      "ids", po::value<std::vector<std::string>>(&ids)->composing(),
      "run ids or uuid prefixes, the first one the baseline (default: the newest launch)")(
      "experiment", po::value<std::string>(&experiment),
      "the newest launch of this experiment (all its variants)")(
      "output,o", po::value<std::string>(&output)->required(), "the HTML file to write");
  po::positional_options_description positional;
  positional.add("ids", -1);
  po::variables_map vm;
  if (!parse_args(args, options, positional,
                  "cnnlab runs report [ID...] [--experiment NAME] -o FILE.html [--db PATH]", vm))
    return 0;
  if (!ids.empty() && !experiment.empty())
    throw ConfigError("runs report takes run ids or --experiment, not both");
  check_output_path(output, "--output");
  check_not_an_input(output, "--output", {resolve_db_path(db)});
  const auto store = open_history(db);
  std::vector<RunDetail> runs;
  for (const RunInfo& run : chosen_runs(store, ids, experiment))
    runs.push_back(store.load_run(run.id));
  write_output_file(output, html_report(runs, {store.path(), utc_now()}), "the report");
  std::cout << "wrote " << output << " (" << runs.size() << " run(s))\n";
  return 0;
}

}  // namespace cnnlab::cli

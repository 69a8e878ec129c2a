#include <iostream>

#include "cnnlab/host/curve_plot.hpp"
#include "cnnlab/host/picture.hpp"
#include "runs_subcommands.hpp"

namespace cnnlab::cli {

int runs_plot(const Args& args) {
  std::string db, id, metric = "loss", output;
  po::options_description options("options");
  add_db_option(options, db);
  options.add_options()("id", po::value<std::string>(&id)->required(), "run id or uuid prefix")(
      "metric", po::value<std::string>(&metric)->default_value("loss"), "loss or accuracy")(
      "output,o", po::value<std::string>(&output)->required(), "image file to write (.png)");
  po::positional_options_description positional;
  positional.add("id", 1);
  po::variables_map vm;
  if (!parse_args(args, options, positional,
                  "cnnlab runs plot ID [--metric loss|accuracy] -o FILE.png [--db PATH]", vm))
    return 0;
  check_not_an_input(output, "--output", {resolve_db_path(db)});
  const auto store = open_history(db);
  plot_learning_curves(store.load_run(store.find_run(id)), metric, output);
  std::cout << "wrote " << output << "\n";
  return 0;
}

}  // namespace cnnlab::cli

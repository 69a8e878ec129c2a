#pragma once
#include <functional>
#include <string>
#include <vector>

namespace cnnlab::cli {

// One `cnnlab` subcommand. run() gets the arguments after the subcommand's name and returns
// the exit code; errors are thrown (cnnlab::Error and program_options errors) and reported by
// main in one line.
struct Command {
  std::string name;
  std::string summary;
  std::function<int(const std::vector<std::string>& args)> run;
};

// Each subcommand lives in its own file and is listed once in main.cpp.
Command plugins_command();
Command run_command();
Command plan_command();
Command evaluate_command();
Command predict_command();
Command export_command();
Command bench_command();
Command samples_command();
Command show_command();
Command landscape_command();
Command runs_command();
Command summary_command();

}  // namespace cnnlab::cli

#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options/errors.hpp>

#include "cnnlab/error.hpp"
#include "cnnlab/version.hpp"
#include "command.hpp"

namespace {

std::vector<cnnlab::cli::Command> all_commands() {
  using namespace cnnlab::cli;
  return {
      run_command(),
      summary_command(),
      evaluate_command(),
      predict_command(),
      bench_command(),
      samples_command(),
      runs_command(),
      plugins_command(),
  };
}

void print_usage(const std::vector<cnnlab::cli::Command>& commands) {
  std::cout << "usage: cnnlab COMMAND [OPTIONS]\n\n"
               "A workbench for convolutional-network experiments.\n\ncommands:\n";
  for (const auto& c : commands) {
    std::string name = c.name;
    name.resize(12, ' ');
    std::cout << "  " << name << c.summary << "\n";
  }
  std::cout << "\n`cnnlab COMMAND --help` describes a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  const auto commands = all_commands();
  if (argc < 2) {
    print_usage(commands);
    return 2;
  }
  const std::string first = argv[1];
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage(commands);
    return 0;
  }
  if (first == "--version") {
    std::cout << "cnnlab " << cnnlab::version_string() << "\n";
    return 0;
  }
  for (const auto& command : commands) {
    if (command.name != first) continue;
    try {
      return command.run(std::vector<std::string>(argv + 2, argv + argc));
    } catch (const cnnlab::Error& e) {
      std::cerr << "cnnlab: error: " << e.what() << "\n";
      return e.exit_code();
    } catch (const boost::program_options::error& e) {
      std::cerr << "cnnlab: error: " << first << ": " << e.what() << "\n";
      return 2;
    } catch (const std::exception& e) {
      std::cerr << "cnnlab: error: " << e.what() << "\n";
      return 1;
    }
  }
  std::cerr << "cnnlab: error: unknown command '" << first << "' (see cnnlab --help)\n";
  return 2;
}

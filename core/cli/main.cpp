#include <boost/program_options/errors.hpp>
#include <filesystem>
#include <iostream>
#include <new>
#include <opencv2/core/utils/logger.hpp>
#include <string>
#include <vector>

#include "cnnlab/error.hpp"
#include "cnnlab/host/interrupt.hpp"
#include "cnnlab/version.hpp"
#include "command.hpp"

namespace {

std::vector<cnnlab::cli::Command> all_commands() {
  using namespace cnnlab::cli;
  return {
      run_command(),     plan_command(),      summary_command(), evaluate_command(),
      predict_command(), export_command(),    bench_command(),   samples_command(),
      show_command(),    landscape_command(), runs_command(),    plugins_command(),
  };
}

void report(const std::string& message) {
  std::cerr << "cnnlab: error: " << cnnlab::one_line(message) << "\n";
}

// "filesystem error: cannot open: No such file [PATH]" as "PATH: cannot open: No such file".
std::string filesystem_message(const std::filesystem::filesystem_error& e) {
  std::string what = e.what();
  const std::string prefix = "filesystem error: ";
  if (what.rfind(prefix, 0) == 0) what.erase(0, prefix.size());
  const size_t paths = what.find(" [");
  if (paths != std::string::npos) what.erase(paths);
  return e.path1().empty() ? what : e.path1().string() + ": " + what;
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
  cnnlab::watch_interrupt_signals();
  // OpenCV's own warnings ("imread_(...): can't open/read file") duplicate our error lines.
  cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
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
      report(e.what());
      return e.exit_code();
    } catch (const boost::program_options::error& e) {
      report(first + ": " + e.what());
      return 2;
    } catch (const std::bad_alloc&) {
      // The readers check sizes before allocating; this is the last resort.
      std::string line = "cnnlab";
      for (int i = 1; i < argc; ++i) line += std::string(" ") + argv[i];
      report("out of memory running " + cnnlab::quoted(line, 200));
      return 1;
    } catch (const std::filesystem::filesystem_error& e) {
      report(filesystem_message(e));
      return 1;
    } catch (const std::exception& e) {
      report(e.what());
      return 1;
    }
  }
  report("unknown command " + cnnlab::quoted(first) + " (see cnnlab --help)");
  return 2;
}

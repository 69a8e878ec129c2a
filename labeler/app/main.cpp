// cnnlab-label: turn a folder of photos into a labelled dataset (docs/LABELING.md).
#include <boost/program_options/errors.hpp>
#include <iostream>
#include <opencv2/core/utils/logger.hpp>
#include <string>
#include <vector>

#include "cnnlab/error.hpp"
#include "cnnlab/version.hpp"
#include "commands.hpp"

namespace {

void print_usage(std::ostream& out) {
  out << "usage: cnnlab-label IMAGE_DIR --out DATASET_DIR --classes a,b,c [options]\n"
         "       cnnlab-label export DATASET_DIR [options]\n"
         "       cnnlab-label report DATASET_DIR [options]\n\n"
         "Label a folder of images with the keyboard into a dataset cnnlab trains on.\n"
         "`cnnlab-label --help`, `cnnlab-label export --help` and `cnnlab-label report --help`\n"
         "list the options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace cnnlab::label::app;
  // cnnlab-label reports unreadable images itself, once each; OpenCV's own warnings would
  // repeat them in another format.
  cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    print_usage(std::cerr);
    return 2;
  }
  if (args[0] == "--version") {
    std::cout << "cnnlab-label " << cnnlab::version_string() << "\n";
    return 0;
  }
  try {
    if (args[0] == "export") return run_export({args.begin() + 1, args.end()});
    if (args[0] == "report") return run_report({args.begin() + 1, args.end()});
    return run_label(args);
  } catch (const cnnlab::Error& e) {
    std::cerr << "cnnlab-label: error: " << e.what() << "\n";
    return e.exit_code();
  } catch (const boost::program_options::error& e) {
    std::cerr << "cnnlab-label: error: " << e.what() << " (see cnnlab-label --help)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "cnnlab-label: error: " << e.what() << "\n";
    return 1;
  }
}

// cnnlab samples FILE -o FILE.png: a grid of an experiment's dataset images with their class
// names, to see at a glance what the network will be fed.
#include <iostream>
#include <opencv2/imgcodecs.hpp>

#include "cnnlab/error.hpp"
#include "cnnlab/host/experiment.hpp"
#include "cnnlab/host/picture.hpp"
#include "command.hpp"
#include "experiment_options.hpp"
#include "options.hpp"
#include "sample_grid.hpp"

namespace cnnlab::cli {

namespace {

// Written as every picture is (write_output_file): a regular file or nothing is replaced, so
// a FIFO at the path no longer blocks and a device is left alone.
void write_png(const cv::Mat& picture, const std::string& path) {
  std::vector<uchar> png;
  if (!cv::imencode(".png", picture, png)) throw Error("cannot encode the picture as PNG");
  write_output_file(path, std::string(png.begin(), png.end()), "the picture");
}

int run_samples(const std::vector<std::string>& args) {
  CommonOptions common;
  ExperimentOptions experiment;
  std::string split, output;
  int64_t count = 25;
  po::options_description options("options");
  po::positional_options_description positional;
  add_experiment_options(options, positional, experiment, false);
  options.add_options()("output,o", po::value<std::string>(&output)->required(),
                        "the PNG file to write")(
      "count", po::value<int64_t>(&count)->default_value(25), "how many images (the first N)")(
      "split", po::value<std::string>(&split)->default_value("train"), "train or test");
  add_common_options(options, common);
  po::variables_map vm;
  if (!parse_args(args, options, positional,
                  "cnnlab samples FILE -o FILE.png [--count N] [--split train|test] "
                  "[--variant NAME] [--set KEY=VALUE]... [--plugins DIR]... [--threads N]",
                  vm))
    return 0;
  if (count < 1) throw ConfigError("--count must be at least 1");
  if (split != "train" && split != "test")
    throw ConfigError("--split must be train or test, got '" + split + "'");
  check_not_an_input(output, "--output", {experiment.file});
  const auto threads = limit_threads(common);

  const ExperimentSpec spec = load_experiment(experiment.file, experiment.sets);
  const std::vector<ResolvedVariant> variants = expand_variants(spec);
  const ResolvedVariant& variant = chosen_variant(variants, experiment);
  const auto host = load_plugins(common);
  const auto dataset = make_dataset_for(variant.spec, *host);
  const DatasetInfo info = dataset->info();
  const ImageSet images = split == "train" ? dataset->load_train() : dataset->load_test();
  const auto& limit =
      split == "train" ? variant.spec.dataset.limit_train : variant.spec.dataset.limit_test;
  size_t shown = std::min(images.size(), static_cast<size_t>(count));
  if (limit) shown = std::min(shown, static_cast<size_t>(*limit));
  if (shown == 0) throw DataError("the " + split + " split of " + spec.file + " is empty");

  const cv::Mat picture = draw_sample_grid(images, shown, info.class_names);
  write_png(picture, output);
  std::cout << "wrote " << shown << " " << split << " images to " << output << " (" << picture.cols
            << "x" << picture.rows << " px)\n";
  return 0;
}

}  // namespace

Command samples_command() {
  return {"samples", "draw a grid of an experiment's dataset images with their class names",
          run_samples};
}

}  // namespace cnnlab::cli

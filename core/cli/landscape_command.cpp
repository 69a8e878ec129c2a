// cnnlab landscape MODEL --experiment FILE -o FILE.png: the loss around a trained model's
// weights along filter-normalised random directions (Li et al. 2017).
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <numeric>

#include "cnnlab/error.hpp"
#include "cnnlab/host/experiment.hpp"
#include "cnnlab/host/landscape.hpp"
#include "cnnlab/host/picture.hpp"
#include "cnnlab/host/runner.hpp"
#include "cnnlab/host/trained_model.hpp"
#include "command.hpp"
#include "options.hpp"

namespace cnnlab::cli {

namespace {

struct LandscapeArgs {
  std::string model, compare, experiment, output, csv;
  std::vector<std::string> sets;
  int64_t samples = 1000;
  LandscapeOptions options;
};

// The first `count` training samples, checked against the model before minutes of work.
SampleView landscape_samples(const ExperimentData& data, const TrainedModel& trained,
                             const LandscapeArgs& a) {
  if (data.info.input_shape != trained.file.input_shape)
    throw DataError(a.experiment + ": the dataset's images are " +
                    shape_to_string(data.info.input_shape) + " but the model takes " +
                    shape_to_string(trained.file.input_shape));
  const size_t n = std::min(data.train.size(), static_cast<size_t>(a.samples));
  if (n == 0) throw DataError(a.experiment + ": the training split is empty");
  IndexList indices(n);
  std::iota(indices.begin(), indices.end(), 0);
  return samples_of(data.train, std::move(indices));
}

Landscape measure(const std::string& path, const ExperimentData& data, const LandscapeArgs& a,
                  const PluginHost& host) {
  TrainedModel trained = load_trained_model(path, host);
  check_output_units(trained.model, data.info, SourceLocation{a.experiment, 0, 0});
  const SampleView samples = landscape_samples(data, trained, a);
  LandscapeOptions options = a.options;
  if (isatty(STDERR_FILENO))
    options.progress = [&](size_t done, size_t total) {
      std::fprintf(stderr, "\r%s: %zu/%zu points", path.c_str(), done, total);
      if (done == total) std::fprintf(stderr, "\n");
    };
  Landscape l = loss_landscape(trained.model, samples, trained.file.scale, options);
  l.name = std::filesystem::path(path).stem().string();
  return l;
}

int run_landscape(const std::vector<std::string>& args) {
  CommonOptions common;
  LandscapeArgs a;
  po::options_description options("options");
  options.add_options()("model", po::value<std::string>(&a.model)->required(),
                        "model file (.cnnlab)")(
      "experiment", po::value<std::string>(&a.experiment)->required(),
      "experiment whose training split gives the samples")(
      "set", po::value<std::vector<std::string>>(&a.sets)->composing(),
      "override a key of the experiment: KEY=VALUE (repeatable)")(
      "compare", po::value<std::string>(&a.compare), "a second model drawn on the same axes")(
      "dims", po::value<int>(&a.options.dims)->default_value(1), "1 (a line) or 2 (a plane)")(
      "steps", po::value<int>(&a.options.steps)->default_value(21), "grid points per axis (odd)")(
      "span", po::value<double>(&a.options.span)->default_value(1.0),
      "coordinates run from -span to +span")(
      "samples", po::value<int64_t>(&a.samples)->default_value(1000),
      "training samples the loss is measured on (the first M)")(
      "seed", po::value<uint64_t>(&a.options.seed)->default_value(1), "seed of the directions")(
      "batch", po::value<int>(&a.options.batch_size)->default_value(500), "batch size")(
      "output,o", po::value<std::string>(&a.output)->required(), "the PNG file to write")(
      "csv", po::value<std::string>(&a.csv), "also write every grid point to this CSV file");
  add_common_options(options, common);
  po::positional_options_description positional;
  positional.add("model", 1);
  po::variables_map vm;
  if (!parse_args(args, options, positional,
                  "cnnlab landscape MODEL --experiment FILE [--compare MODEL2] [--dims 1|2] "
                  "[--steps N] [--span S] [--samples M] [--seed N] -o FILE.png [--csv FILE]",
                  vm))
    return 0;
  check_landscape_options(a.options);
  if (a.samples < 1) throw ConfigError("--samples must be at least 1");
  check_output_path(a.output, "--output");
  if (!a.csv.empty()) check_output_path(a.csv, "--csv");
  check_not_an_input(a.output, "--output", {a.model, a.experiment, a.compare});
  if (!a.csv.empty()) check_not_an_input(a.csv, "--csv", {a.model, a.experiment, a.compare});

  const auto threads = limit_threads(common);
  const auto host = load_plugins(common);
  const ExperimentSpec spec = load_experiment(a.experiment, a.sets);
  const ExperimentData data = load_experiment_data(spec, *host);
  std::vector<Landscape> landscapes{measure(a.model, data, a, *host)};
  if (!a.compare.empty()) landscapes.push_back(measure(a.compare, data, a, *host));
  write_picture(draw_landscape(landscapes), a.output);
  if (!a.csv.empty()) write_output_file(a.csv, landscape_csv(landscapes), "the CSV");
  for (const Landscape& l : landscapes)
    std::printf("%s: %zu points x %zu samples in %.1f s (%.0f samples/s)\n", l.name.c_str(),
                l.points.size(), l.samples, l.seconds,
                static_cast<double>(l.points.size() * l.samples) / l.seconds);
  std::printf("wrote %s%s%s\n", a.output.c_str(), a.csv.empty() ? "" : " and ", a.csv.c_str());
  return 0;
}

}  // namespace

Command landscape_command() {
  return {"landscape", "the loss around a trained model's weights (Li et al.'s loss landscape)",
          run_landscape};
}

}  // namespace cnnlab::cli

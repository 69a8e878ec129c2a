// cnnlab bench FILE: training and inference throughput of an experiment's model on random
// data (the figures bench/compare.sh sets against PyTorch).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

#include "cnnlab/host/experiment.hpp"
#include "cnnlab/host/loss.hpp"
#include "cnnlab/kernels/cpu.hpp"
#include "cnnlab/parallel.hpp"
#include "cnnlab/random.hpp"
#include "command.hpp"
#include "experiment_options.hpp"
#include "options.hpp"

namespace cnnlab::cli {

namespace {

struct Timing {
  double median_seconds = 0;
  size_t batches = 0;
};

// Median time of `step` over at least `seconds` (and at least 10 calls), after a warm-up.
Timing measure(double seconds, const std::function<void()>& step) {
  for (int i = 0; i < 3; ++i) step();
  std::vector<double> times;
  const auto start = std::chrono::steady_clock::now();
  while (times.size() < 10 ||
         std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() <
             seconds) {
    const auto t0 = std::chrono::steady_clock::now();
    step();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(times.begin(), times.end());
  return {times[times.size() / 2], times.size()};
}

void report(const char* phase, const Timing& t, int batch, int threads) {
  std::printf("%s: %.0f img/s (median %.2f ms/batch, batch %d, %zu batches, %d threads)\n", phase,
              batch / t.median_seconds, t.median_seconds * 1e3, batch, t.batches, threads);
}

int run_bench(const std::vector<std::string>& args) {
  CommonOptions common;
  ExperimentOptions experiment;
  int batch = 200;
  double seconds = 10;
  po::options_description options("options");
  po::positional_options_description positional;
  add_experiment_options(options, positional, experiment, false);
  options.add_options()("batch", po::value<int>(&batch)->default_value(200), "batch size")(
      "seconds", po::value<double>(&seconds)->default_value(10.0),
      "time spent measuring training (inference gets half)");
  add_common_options(options, common);
  po::variables_map vm;
  if (!parse_args(args, options, positional,
                  "cnnlab bench FILE [--batch N] [--seconds S] [--threads N]", vm))
    return 0;
  if (batch < 1) throw ConfigError("--batch must be at least 1");
  // An hour is far more than a stable median needs; more is a typo (1e300 ran for ever).
  if (!(seconds > 0 && seconds <= 3600))
    throw ConfigError("--seconds must be above 0 and at most 3600");

  const auto threads = limit_threads(common);
  const auto host = load_plugins(common);
  const ExperimentSpec spec = load_experiment(experiment.file, experiment.sets);
  const auto variants = expand_variants(spec);
  const ExperimentSpec& s = chosen_variant(variants, experiment).spec;
  Model model = build_model(s, *host, resolve_input_shape(s, *host));
  model.defer_final_softmax();
  auto optimizer = make_optimizer_for(s, *host);
  optimizer->attach(model.trainable_parameters());

  std::vector<int64_t> dims{batch};
  dims.insert(dims.end(), model.input_shape().begin(), model.input_shape().end());
  Tensor x(dims);
  Rng rng(s.seed);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(rng.uniform());
  const int64_t classes = shape_size(model.output_shape());
  std::vector<int32_t> labels(static_cast<size_t>(batch));
  for (auto& l : labels) l = static_cast<int32_t>(rng.below(static_cast<uint64_t>(classes)));

  uint64_t step = 0;
  Tensor grad;
  const Timing train = measure(seconds, [&] {
    const Tensor& logits = model.forward(x, true, hash64(s.seed, ++step));
    if (model.outputs_logits())
      softmax_cross_entropy(logits, labels, &grad);
    else
      probability_cross_entropy(logits, labels, &grad);
    model.backward(grad);
    optimizer->step();
  });
  const Timing inference = measure(seconds / 2, [&] { model.forward(x, false); });
  std::printf("model: %s (%s), %lld params, %s kernels\n", experiment.file.c_str(),
              spec.name.c_str(), static_cast<long long>(model.param_count()), kernel_isa());
  report("train", train, batch, ThreadLimit::current());
  report("inference", inference, batch, ThreadLimit::current());
  return 0;
}

}  // namespace

Command bench_command() {
  return {"bench", "measure training and inference throughput of an experiment's model", run_bench};
}

}  // namespace cnnlab::cli

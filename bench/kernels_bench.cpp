// Conv kernels at the lecture's layer shapes (batch 200, 5x5 'same' convolutions) and the
// single-threaded SGEMM they call, in GFLOP/s. The argument is the thread count.
#include <benchmark/benchmark.h>

#include <string>
#include <utility>
#include <vector>

#include "cnnlab/kernels.hpp"
#include "cnnlab/parallel.hpp"
#include "cnnlab/random.hpp"

namespace {
using namespace cnnlab;

struct ConvLayer {
  const char* name;
  int64_t size, in_channels, out_channels;
};

// The lecture's convolutions: MNIST 32/64 (conv1, conv2) and CIFAR-10 (conv1..conv3).
const ConvLayer kLayers[] = {{"mnist_conv1_28x28x1_32", 28, 1, 32},
                             {"mnist_conv2_14x14x32_64", 14, 32, 64},
                             {"cifar_conv1_32x32x3_32", 32, 3, 32},
                             {"cifar_conv2_16x16x32_32", 16, 32, 32},
                             {"cifar_conv3_8x8x32_64", 8, 32, 64}};
constexpr int64_t kBatch = 200;
constexpr int64_t kKernel = 5;

std::vector<float> random_values(size_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<float> v(n);
  for (auto& x : v) x = static_cast<float>(rng.uniform(-1, 1));
  return v;
}

enum class Pass { forward, backward_data, backward_weights };

void set_rate(benchmark::State& state, double flops_per_iteration) {
  state.counters["GFLOP/s"] =
      benchmark::Counter(flops_per_iteration * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
}

void conv(benchmark::State& state, ConvLayer layer, Pass pass) {
  ThreadLimit limit(static_cast<int>(state.range(0)));
  const Conv2dShape s{kBatch, layer.in_channels, layer.out_channels,
                      make_window2d(layer.size, layer.size, kKernel, kKernel, 1, 1, Padding::same)};
  const int64_t pixels = kBatch * layer.size * layer.size;
  const auto x = random_values(pixels * layer.in_channels, 1);
  const auto w = random_values(kKernel * kKernel * layer.in_channels * layer.out_channels, 2);
  const auto bias = random_values(layer.out_channels, 3);
  auto y = random_values(pixels * layer.out_channels, 4);
  std::vector<float> dx(x.size()), dw(w.size()), db(bias.size());
  for (auto _ : state) {
    switch (pass) {
      case Pass::forward:
        conv2d_forward(s, x.data(), w.data(), bias.data(), Activation::relu, y.data());
        break;
      case Pass::backward_data:
        conv2d_backward_data(s, y.data(), w.data(), dx.data());
        break;
      case Pass::backward_weights:
        conv2d_backward_weights(s, x.data(), y.data(), dw.data(), db.data());
        break;
    }
    benchmark::ClobberMemory();
  }
  set_rate(state, 2.0 * pixels * layer.out_channels * kKernel * kKernel * layer.in_channels);
}

// The machine's single-thread SGEMM rate: square, and the shape of mnist_conv2's chunked
// forward GEMM (rows of 2 images x 64 filters x 800).
void sgemm_peak(benchmark::State& state) {
  const int64_t m = state.range(0), n = state.range(1), k = state.range(2);
  const auto a = random_values(m * k, 1), b = random_values(k * n, 2);
  std::vector<float> c(m * n);
  for (auto _ : state) {
    sgemm(false, false, m, n, k, 1.0f, a.data(), k, b.data(), n, 0.0f, c.data(), n);
    benchmark::ClobberMemory();
  }
  set_rate(state, 2.0 * m * n * k);
}

void register_all() {
  benchmark::RegisterBenchmark("sgemm_1thread", sgemm_peak)
      ->Args({2048, 2048, 2048})
      ->Args({392, 64, 800})
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  const std::pair<const char*, Pass> passes[] = {{"forward", Pass::forward},
                                                 {"backward_data", Pass::backward_data},
                                                 {"backward_weights", Pass::backward_weights}};
  for (const auto& layer : kLayers)
    for (const auto& [pass_name, pass] : passes)
      benchmark::RegisterBenchmark((std::string("conv2d_") + pass_name + "/" + layer.name).c_str(),
                                   conv, layer, pass)
          ->Arg(1)
          ->Arg(2)
          ->ArgName("threads")
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime();
}
}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

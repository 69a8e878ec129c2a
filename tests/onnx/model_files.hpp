#pragma once
// Model files and images the export tests run on: the lecture's models and the Fashion-MNIST
// ones, with weights chosen so that every parameter matters, and real Fashion-MNIST test images.
#include <string>
#include <vector>

#include "cnnlab/host/model.hpp"
#include "cnnlab/plugin_host.hpp"

namespace cnnlab::test {

inline const char* const kFashionMnist = "/usr/share/datasets/fashion-mnist";

// experiments/seed/*.yaml and experiments/fashion*.yaml, as absolute paths.
std::vector<std::string> lecture_and_fashion_experiments();

// Biases, batchnorm gammas, betas and moving statistics drawn away from their initial 0 and 1
// (kernels keep their glorot draw), so a lost bias or a misplaced statistic changes the output.
void perturb_parameters(Model& model, uint64_t seed);

// One model file per variant of `experiment` in `dir` ("<name>-<variant>.cnnlab"), its weights
// as initialised and then perturbed by perturb_parameters.
std::vector<std::string> write_model_files(const std::string& experiment, const PluginHost& host,
                                           const std::string& dir);

// The first `n` Fashion-MNIST test images as PNG files in `dir`.
std::vector<std::string> write_fashion_images(const PluginHost& host, const std::string& dir,
                                              size_t n);

}  // namespace cnnlab::test

#include "model_files.hpp"

#include <algorithm>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "cnnlab/host/experiment.hpp"
#include "cnnlab/host/model_file.hpp"
#include "cnnlab/random.hpp"

namespace cnnlab::test {

std::vector<std::string> lecture_and_fashion_experiments() {
  const std::string root = CNNLAB_SOURCE_DIR "/experiments/";
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(root + "seed"))
    paths.push_back(entry.path().string());
  paths.push_back(root + "fashion_mnist.yaml");
  paths.push_back(root + "fashion_dropout_bn_kfold.yaml");
  std::sort(paths.begin(), paths.end());
  return paths;
}

void perturb_parameters(Model& model, uint64_t seed) {
  Rng rng(seed);
  for (Parameter* p : model.all_parameters()) {
    if (p->name == "kernel") continue;  // glorot-initialised already
    const bool positive = p->name == "gamma" || p->name == "moving_variance";
    for (size_t i = 0; i < p->value.size(); ++i)
      p->value[i] = static_cast<float>(positive ? rng.uniform(0.5, 1.5) : rng.uniform(-0.2, 0.2));
  }
}

std::vector<std::string> write_model_files(const std::string& experiment, const PluginHost& host,
                                           const std::string& dir) {
  std::vector<std::string> paths;
  for (const ResolvedVariant& variant : expand_variants(load_experiment(experiment))) {
    const Shape input = resolve_input_shape(variant.spec, host);
    Model model = build_model_from_yaml(variant.resolved_yaml, host, input, experiment);
    perturb_parameters(model, variant.spec.seed);
    ModelFile file;
    file.architecture_yaml = variant.resolved_yaml;
    file.variant = variant.name;
    file.input_shape = input;
    for (int c = 0; c < 10; ++c) file.class_names.push_back("class " + std::to_string(c));
    store_weights(model, file);
    paths.push_back(dir + "/" + variant.spec.name + "-" + variant.name + ".cnnlab");
    write_model_file(paths.back(), file);
  }
  return paths;
}

std::vector<std::string> write_fashion_images(const PluginHost& host, const std::string& dir,
                                              size_t n) {
  const Config cfg(parse_yaml(std::string("path: ") + kFashionMnist, "test"), "test");
  const ImageSet test = host.make_dataset("idx", cfg, {})->load_test();
  std::vector<std::string> paths;
  for (size_t i = 0; i < std::min(n, test.size()); ++i) {
    const cv::Mat image(static_cast<int>(test.height), static_cast<int>(test.width), CV_8UC1,
                        const_cast<uint8_t*>(test.image(i)));
    paths.push_back(dir + "/fashion-" + std::to_string(i) + ".png");
    cv::imwrite(paths.back(), image);
  }
  return paths;
}

}  // namespace cnnlab::test

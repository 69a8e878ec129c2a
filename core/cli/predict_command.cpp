// cnnlab predict MODEL IMAGE...: the three most probable classes of each image file.
#include <cstdio>
#include <iostream>

#include "cnnlab/host/trained_model.hpp"
#include "command.hpp"
#include "options.hpp"

namespace cnnlab::cli {

namespace {

int run_predict(const std::vector<std::string>& args) {
  CommonOptions common;
  std::string model_path;
  std::vector<std::string> images;
  int top = 3;
  po::options_description options("options");
  options.add_options()("model", po::value<std::string>(&model_path)->required(),
                        "model file (.cnnlab)")(
      "image", po::value<std::vector<std::string>>(&images)->required(), "image files")(
      "top", po::value<int>(&top)->default_value(3), "how many classes to show per image");
  add_common_options(options, common);
  po::positional_options_description positional;
  positional.add("model", 1).add("image", -1);
  po::variables_map vm;
  if (!parse_args(args, options, positional, "cnnlab predict MODEL IMAGE...", vm)) return 0;
  if (top < 1) throw ConfigError("--top must be at least 1");

  const auto threads = limit_threads(common);
  const auto host = load_plugins(common);
  TrainedModel trained = load_trained_model(model_path, *host);
  const Tensor input = load_images_as_input(images, trained.file.input_shape, trained.file.scale);
  Tensor probabilities;
  trained.model.predict_proba(input, probabilities);
  const auto& names = trained.file.class_names;
  for (size_t i = 0; i < images.size(); ++i) {
    std::printf("%s:", images[i].c_str());
    for (const ClassGuess& g : top_classes(probabilities, i, static_cast<size_t>(top))) {
      const std::string name = g.class_index < static_cast<int>(names.size())
                                   ? names[g.class_index]
                                   : std::to_string(g.class_index);
      std::printf("  %s %.1f%%", name.c_str(), 100.0 * g.probability);
    }
    std::printf("\n");
  }
  return 0;
}

}  // namespace

Command predict_command() {
  return {"predict", "classify image files with a saved model (top-3 classes)", run_predict};
}

}  // namespace cnnlab::cli

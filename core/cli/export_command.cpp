// cnnlab export MODEL -o FILE.onnx [--check IMAGE...]: the model as ONNX; --check runs the
// written file in OpenCV's DNN module and compares its probabilities with cnnlab's.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cnnlab/error.hpp"
#include "cnnlab/host/onnx_export.hpp"
#include "cnnlab/host/picture.hpp"
#include "cnnlab/host/trained_model.hpp"
#include "command.hpp"
#include "options.hpp"

namespace cnnlab::cli {

namespace {

// Two float32 implementations summing in different orders agree to a few ulps of the logits;
// after the softmax that is far below 1e-4 in probability, while a wrong layer (a transposed
// kernel, a lost bias) moves probabilities by percents.
constexpr double kCheckTolerance = 1e-4;

// Largest |cnnlab - OpenCV| over the classes of each image; throws when the shapes differ.
std::vector<double> row_differences(const Tensor& ours, const Tensor& theirs) {
  if (ours.dims() != theirs.dims())
    throw Error("OpenCV's output has " + std::to_string(theirs.size()) + " values, cnnlab's " +
                std::to_string(ours.size()));
  const size_t rows = ours.dims().empty() ? 0 : static_cast<size_t>(ours.dim(0));
  const size_t cols = rows ? ours.size() / rows : 0;
  std::vector<double> diff(rows, 0.0);
  for (size_t r = 0; r < rows; ++r)
    for (size_t c = 0; c < cols; ++c)
      diff[r] = std::max(diff[r], std::fabs(double(ours[r * cols + c]) - theirs[r * cols + c]));
  return diff;
}

void check_with_opencv(const std::string& onnx_path, TrainedModel& trained,
                       const std::vector<std::string>& images) {
  const Tensor input = load_images_as_input(images, trained.file.input_shape, trained.file.scale);
  Tensor ours;
  trained.model.predict_proba(input, ours);
  const Tensor theirs = run_onnx_with_opencv(onnx_path, input);
  const std::vector<double> diff = row_differences(ours, theirs);
  double worst = 0.0;
  for (size_t i = 0; i < images.size(); ++i) {
    std::printf("%s: largest probability difference %.2e\n", images[i].c_str(), diff[i]);
    worst = std::max(worst, diff[i]);
  }
  if (!(worst <= kCheckTolerance))
    throw Error("OpenCV's probabilities differ from cnnlab's by " + std::to_string(worst) +
                " (tolerance 1e-4): " + onnx_path + " does not compute what the model does");
  std::printf("check passed: OpenCV DNN agrees with cnnlab within 1e-4 on %zu image(s)\n",
              images.size());
}

int run_export(const std::vector<std::string>& args) {
  CommonOptions common;
  std::string model_path, output;
  std::vector<std::string> images;
  po::options_description options("options");
  options.add_options()("model", po::value<std::string>(&model_path)->required(),
                        "model file (.cnnlab)")(
      "output,o", po::value<std::string>(&output)->required(), "ONNX file to write")(
      "check", po::value<std::vector<std::string>>(&images)->multitoken(),
      "image files: run the written file in OpenCV's DNN module and compare its "
      "probabilities with cnnlab's (tolerance 1e-4)");
  add_common_options(options, common);
  po::positional_options_description positional;
  positional.add("model", 1);
  po::variables_map vm;
  if (!parse_args(args, options, positional, "cnnlab export MODEL -o FILE.onnx [--check IMAGE...]",
                  vm))
    return 0;
  if (vm.count("check") && images.empty()) throw ConfigError("--check needs image files");
  std::vector<std::string> inputs = images;
  inputs.push_back(model_path);
  check_not_an_input(output, "--output", inputs);

  const auto threads = limit_threads(common);
  const auto host = load_plugins(common);
  TrainedModel trained = load_trained_model(model_path, *host);
  write_onnx_model(output, trained.model, {trained.file.class_names, trained.file.scale});
  std::printf("wrote %s\n", output.c_str());
  if (!images.empty()) check_with_opencv(output, trained, images);
  return 0;
}

}  // namespace

Command export_command() {
  return {"export",
          "write a saved model as ONNX; --check compares OpenCV DNN's output with cnnlab's",
          run_export};
}

}  // namespace cnnlab::cli

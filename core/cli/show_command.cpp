// cnnlab show filters|activations|saliency MODEL [IMAGE] -o FILE.png: pictures of what a
// trained model learned and what it looks at.
#include <iostream>

#include "cnnlab/error.hpp"
#include "cnnlab/host/trained_model.hpp"
#include "cnnlab/host/visualize.hpp"
#include "command.hpp"
#include "options.hpp"

namespace cnnlab::cli {

namespace {

constexpr const char* kUsage =
    "cnnlab show filters MODEL [--layer NAME] [--per-channel] -o FILE.png\n"
    "       cnnlab show activations MODEL IMAGE [--layer NAME]... -o FILE.png\n"
    "       cnnlab show saliency MODEL IMAGE -o FILE.png";

struct ShowArgs {
  std::string what, model, image, output;
  std::vector<std::string> layers;
  bool per_channel = false;
};

// The arguments each picture takes, refused before the model is read.
void check_args(const ShowArgs& a) {
  if (a.what != "filters" && a.what != "activations" && a.what != "saliency")
    throw ConfigError("show: unknown picture " + quoted(a.what) +
                      " (known: filters, activations, saliency)");
  if (a.what == "filters" && !a.image.empty())
    throw ConfigError("show filters takes no image (filters are the model's own weights)");
  if (a.what != "filters" && a.image.empty())
    throw ConfigError("show " + a.what + " needs an IMAGE after the model");
  if (a.what == "filters" && a.layers.size() > 1)
    throw ConfigError("show filters draws one layer: give --layer once");
  if (a.what == "saliency" && !a.layers.empty())
    throw ConfigError("show saliency takes no --layer: it is the gradient at the input");
  if (a.what != "filters" && a.per_channel) throw ConfigError("--per-channel is for show filters");
  check_output_path(a.output, "--output");
  check_not_an_input(a.output, "--output", {a.model, a.image});
}

Picture draw(const ShowArgs& a, const TrainedModel& trained) {
  if (a.what == "filters")
    return draw_filters(trained.model, a.layers.empty() ? "" : a.layers.front(),
                        a.per_channel ? FilterView::per_channel : FilterView::mean);
  const Tensor image =
      load_images_as_input({a.image}, trained.file.input_shape, trained.file.scale);
  if (a.what == "activations")
    return draw_activations(trained.model, image, a.layers, trained.file.class_names);
  return draw_saliency(trained.model, image, trained.file.class_names);
}

int run_show(const std::vector<std::string>& args) {
  CommonOptions common;
  ShowArgs a;
  po::options_description options("options");
  options.add_options()("what", po::value<std::string>(&a.what)->required(),
                        "filters, activations or saliency")(
      "model", po::value<std::string>(&a.model)->required(), "model file (.cnnlab)")(
      "image", po::value<std::string>(&a.image), "image file (activations, saliency)")(
      "layer", po::value<std::vector<std::string>>(&a.layers)->composing(),
      "layer name as in `cnnlab summary` (filters: one conv layer, default the first; "
      "activations: repeatable, default every conv and pooling layer)")(
      "per-channel", po::bool_switch(&a.per_channel),
      "filters: a tile per input channel instead of the mean over them")(
      "output,o", po::value<std::string>(&a.output)->required(), "the PNG file to write");
  add_common_options(options, common);
  po::positional_options_description positional;
  positional.add("what", 1).add("model", 1).add("image", 1);
  // Without this, program_options would name the first missing option, not the picture.
  if (args.empty())
    throw ConfigError(
        "show needs a picture: filters, activations or saliency (cnnlab show --help)");
  po::variables_map vm;
  if (!parse_args(args, options, positional, kUsage, vm)) return 0;
  check_args(a);

  const auto threads = limit_threads(common);
  const auto host = load_plugins(common);
  const TrainedModel trained = load_trained_model(a.model, *host);
  const Picture picture = draw(a, trained);
  write_picture(picture, a.output);
  std::cout << "wrote " << a.what << " of " << a.model << " to " << a.output << " ("
            << picture.width << "x" << picture.height << " px)\n";
  return 0;
}

}  // namespace

Command show_command() {
  return {"show", "draw a model's filters, feature maps or saliency as a picture", run_show};
}

}  // namespace cnnlab::cli

// `cnnlab-label IMAGE_DIR --out DATASET_DIR --classes a,b,c`: the labelling session.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_support.hpp"
#include "cnnlab/error.hpp"
#include "commands.hpp"
#include "display_check.hpp"
#include "label_loop.hpp"
#include "labeler/classes.hpp"
#include "labeler/export.hpp"
#include "labeler/guess.hpp"
#include "labeler/image_scan.hpp"
#include "labeler/journal.hpp"
#include "labeler/key_script.hpp"
#include "labeler/model_guesses.hpp"

namespace cnnlab::label::app {

namespace fs = std::filesystem;

namespace {

const char* const kUsage =
    "cnnlab-label IMAGE_DIR --out DATASET_DIR [--classes a,b,c | --classes-file FILE] [options]\n"
    "       cnnlab-label --out DATASET_DIR          (resume: IMAGE_DIR and classes from the "
    "journal)\n"
    "       cnnlab-label export DATASET_DIR [--size WxH] [--grayscale] [--test-split F] [--seed "
    "N]\n"
    "       cnnlab-label report DATASET_DIR\n\n"
    "Label the images of IMAGE_DIR with the keyboard (press h in the window for the keys).\n"
    "Every key is saved to DATASET_DIR/labels.journal at once; e (or quitting) exports\n"
    "DATASET_DIR/<class>/<image>, manifest.csv and split.csv for the image_folder dataset";

struct Resolved {
  std::vector<std::string> classes;
  bool classes_changed = false;
  std::string image_dir;
  bool image_dir_changed = false;
};

// Classes and IMAGE_DIR from the command line, checked against (or taken from) the journal;
// with neither, the classes of --model.
Resolved resolve_session(const po::variables_map& vm, const JournalContents& saved) {
  if (vm.count("classes") && vm.count("classes-file"))
    throw ConfigError("give either --classes or --classes-file, not both");
  Resolved r;
  if (vm.count("classes")) r.classes = parse_class_list(vm["classes"].as<std::string>());
  if (vm.count("classes-file")) r.classes = read_class_file(vm["classes-file"].as<std::string>());
  if (r.classes.empty() && saved.classes.empty() && vm.count("model")) {
    r.classes = ModelGuessSource::class_names(vm["model"].as<std::string>());
    try {
      validate_classes(r.classes);
    } catch (const ConfigError& e) {
      throw ConfigError(std::string("the model's classes cannot be used (") + e.what() +
                        "): give --classes");
    }
  }
  if (r.classes.empty()) {
    if (saved.classes.empty())
      throw ConfigError("no classes: give --classes a,b,c or --classes-file FILE");
    r.classes = saved.classes;
  } else if (r.classes != saved.classes) {
    const bool extends = r.classes.size() > saved.classes.size() &&
                         std::equal(saved.classes.begin(), saved.classes.end(), r.classes.begin());
    if (!saved.classes.empty() && !extends)
      throw ConfigError("this dataset was labelled with the classes " +
                        join_classes(saved.classes) + "; " + join_classes(r.classes) +
                        " would change them (classes can only be added at the end)");
    r.classes_changed = true;
  }
  if (!vm.count("image-dir")) {
    if (saved.source_dir.empty()) throw ConfigError("no IMAGE_DIR given (see cnnlab-label --help)");
    r.image_dir = saved.source_dir;
  } else {
    r.image_dir = absolute_path(vm["image-dir"].as<std::string>());
    r.image_dir_changed = r.image_dir != saved.source_dir;
    if (r.image_dir_changed && !saved.source_dir.empty())
      print_warning("IMAGE_DIR was " + saved.source_dir + " in the journal; using " + r.image_dir +
                    " from now on");
  }
  if (!fs::is_directory(r.image_dir))
    throw ConfigError("IMAGE_DIR '" + r.image_dir + "' is not a folder");
  return r;
}

// True when `path` is `folder` or inside it (symlinks resolved).
bool within(const std::string& path, const std::string& folder) {
  const fs::path relative =
      fs::weakly_canonical(path).lexically_relative(fs::weakly_canonical(folder));
  return !relative.empty() && *relative.begin() != "..";
}

// The dataset may live inside the photo folder (the scan skips it), not the other way round:
// the image_folder dataset would read the photo folder as one more class.
void check_folders(const std::string& image_dir, const std::string& dataset_dir) {
  if (within(image_dir, dataset_dir))
    throw ConfigError("IMAGE_DIR " + image_dir + " is inside DATASET_DIR " + dataset_dir +
                      ": the image_folder dataset would read it as a class; choose another --out");
}

void report_unreadable(const std::vector<std::string>& unreadable) {
  if (unreadable.empty()) return;
  std::string list;
  for (const auto& u : unreadable) list += "\n  " + u;
  print_warning("skipping " + std::to_string(unreadable.size()) +
                " file(s) that are not readable images:" + list);
}

LoopSettings loop_settings(const po::variables_map& vm, const DatasetLayout& layout) {
  LoopSettings s;
  s.title = "cnnlab-label - " + fs::path(layout.root()).filename().string();
  const auto [width, height] = parse_dimensions(vm["window"].as<std::string>(), "--window");
  if (width < 320 || height < 240) throw ConfigError("--window must be at least 320x240");
  s.canvas = {width, height};
  const auto [columns, rows] = parse_dimensions(vm["grid"].as<std::string>(), "--grid");
  s.grid = {columns, rows};
  s.near_distance = vm["near-distance"].as<int>();
  if (s.near_distance < 0 || s.near_distance > 64)
    throw ConfigError("--near-distance must be in 0..64");
  s.headless = vm.count("headless") > 0;
  s.stats = vm.count("stats") > 0;
  s.script_delay_ms = vm["script-delay"].as<int>();
  if (s.script_delay_ms < 0) throw ConfigError("--script-delay must not be negative");
  if (vm.count("script")) s.script = read_key_script(vm["script"].as<std::string>());
  if (s.headless && !vm.count("script"))
    throw ConfigError("--headless needs --script FILE (the keys to press)");
  if (vm.count("key-log")) s.key_log = vm["key-log"].as<std::string>();
  return s;
}

std::unique_ptr<PluginHost> load_plugins(const po::variables_map& vm) {
  PluginHost::Options options;
  if (vm.count("plugins")) options.dirs = vm["plugins"].as<std::vector<std::string>>();
  auto host = std::make_unique<PluginHost>(options);
  for (const auto& warning : host->warnings()) print_warning(warning);
  return host;
}

// Every image's guess up front: --order uncertain needs them all, and the window then never
// waits for the model.
std::unique_ptr<GuessSource> predict_all(const std::string& model_path, const PluginHost& host,
                                         const std::string& image_dir,
                                         const std::vector<std::string>& classes,
                                         const std::vector<std::string>& images) {
  auto source = std::make_unique<ModelGuessSource>(model_path, host, image_dir, classes);
  std::cerr << "cnnlab-label: model: predicting " << images.size() << " images" << std::flush;
  source->predict(images, [](size_t done, size_t total) {
    if (done == total || done % 320 == 0) std::cerr << " " << done << "/" << total << std::flush;
  });
  std::cerr << "\n";
  return source;
}

}  // namespace

int run_label(const std::vector<std::string>& args) {
  po::options_description options("options");
  options.add_options()("image-dir", po::value<std::string>()->value_name("IMAGE_DIR"),
                        "the folder of images to label (recursive)")(
      "out,o", po::value<std::string>()->value_name("DATASET_DIR")->required(),
      "the dataset folder to write")("classes", po::value<std::string>()->value_name("a,b,c"),
                                     "class names, bound to the keys 1..9, 0")(
      "classes-file", po::value<std::string>()->value_name("FILE"), "class names, one per line")(
      "order", po::value<std::string>()->default_value("sorted")->value_name("sorted|uncertain"),
      "image order: by path, or least confident guess first (needs --model or --guesses)")(
      "model", po::value<std::string>()->value_name("MODEL"),
      "a model saved by `cnnlab run` (training.save_model): its guess is shown, Enter accepts it")(
      "plugins", po::value<std::vector<std::string>>()->composing()->value_name("DIR"),
      "load the model's layer plugins from DIR too (repeatable)")(
      "guesses", po::value<std::string>()->value_name("FILE"),
      "guesses from elsewhere: a CSV with the header image,class,probability")(
      "script", po::value<std::string>()->value_name("FILE"),
      "press the keys named in FILE, one per line")(
      "headless", "no window: run --script on the session and export")(
      "script-delay", po::value<int>()->default_value(0)->value_name("MS"),
      "pause between scripted keys")(
      "window", po::value<std::string>()->default_value("1024x720")->value_name("WxH"),
      "window size")("grid", po::value<std::string>()->default_value("4x3")->value_name("CxR"),
                     "review grid columns x rows")(
      "near-distance", po::value<int>()->default_value(kDefaultNearDistance)->value_name("BITS"),
      "dHash bits within which the review grid flags near-duplicates")(
      "stats", "print key-to-frame latency when quitting")(
      "key-log", po::value<std::string>()->value_name("FILE"),
      "append the name of each key handled to FILE");
  add_export_options(options);
  po::positional_options_description positional;
  positional.add("image-dir", 1);
  po::variables_map vm;
  if (!parse_command_line(args, options, positional, kUsage, vm)) return 0;

  const std::string order = vm["order"].as<std::string>();
  if (order != "sorted" && order != "uncertain")
    throw ConfigError("--order must be sorted or uncertain");
  if (order == "uncertain" && !vm.count("guesses") && !vm.count("model"))
    throw ConfigError("--order uncertain needs guesses (--model MODEL or --guesses FILE)");
  if (vm.count("guesses") && vm.count("model"))
    throw ConfigError("give either --model or --guesses, not both");

  const DatasetLayout layout(absolute_path(vm["out"].as<std::string>()));
  LoopSettings settings = loop_settings(vm, layout);
  if (!settings.headless) {
    const std::string problem = display_problem();
    if (!problem.empty()) throw Error("cannot open a window: " + problem);
  }
  if (vm.count("image-dir"))
    check_folders(absolute_path(vm["image-dir"].as<std::string>()), layout.root());
  const ExportSettings export_settings = resolve_export_settings(vm, layout);
  std::error_code ec;
  fs::create_directories(layout.root(), ec);
  if (ec) throw DataError("cannot create '" + layout.root() + "': " + ec.message());
  Journal journal(layout.journal());
  if (!journal.contents().warning.empty()) print_warning(journal.contents().warning);
  const Resolved resolved = resolve_session(vm, journal.contents());
  if (resolved.classes_changed) journal.write_classes(resolved.classes);
  if (resolved.image_dir_changed) journal.write_source(resolved.image_dir);
  const std::vector<std::string>& classes = resolved.classes;
  const std::string& image_dir = resolved.image_dir;
  settings.image_dir = image_dir;

  ImageScan scan = scan_images(image_dir, {layout.root()});
  report_unreadable(scan.unreadable);
  if (scan.images.empty())
    throw DataError("no images (png, jpg, jpeg, bmp, tif, webp) in " + image_dir);

  LabelBook book(classes);
  book.replay(journal.contents().actions, layout.journal());
  std::unique_ptr<PluginHost> plugins;
  std::unique_ptr<GuessSource> guesses;
  if (vm.count("guesses"))
    guesses = std::make_unique<CsvGuessSource>(vm["guesses"].as<std::string>(), image_dir, classes);
  if (vm.count("model")) {
    plugins = load_plugins(vm);
    guesses = predict_all(vm["model"].as<std::string>(), *plugins, image_dir, classes, scan.images);
  }
  std::vector<std::string> images = std::move(scan.images);
  if (order == "uncertain") images = order_by_uncertainty(images, *guesses);

  Session session(std::move(images), std::move(book), journal);
  session.set_guess_source(guesses.get());
  session.go_to_first_open();

  const auto export_now = [&]() -> std::string {
    const ExportResult result = export_dataset(layout, image_dir, classes,
                                               labelled_images(session.book()), export_settings);
    for (const auto& w : result.warnings) print_warning(w);
    std::cout << result.summary(layout.root()) << std::endl;
    return "exported " + std::to_string(result.exported) + " images (" +
           std::to_string(result.train) + " train, " + std::to_string(result.test) + " test)";
  };
  LabelLoop(session, std::move(settings), export_now).run();
  return 0;
}

}  // namespace cnnlab::label::app

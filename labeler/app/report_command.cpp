// `cnnlab-label report DATASET_DIR`: counts, duplicates, dark / bright / blurry images.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli_support.hpp"
#include "cnnlab/error.hpp"
#include "commands.hpp"
#include "labeler/export.hpp"
#include "labeler/image_scan.hpp"
#include "labeler/journal.hpp"
#include "labeler/quality_report.hpp"

namespace cnnlab::label::app {

namespace fs = std::filesystem;

namespace {

struct Inventory {
  std::vector<std::string> classes;
  std::vector<ReportItem> items;
  std::string header;
};

// The labelled images of a journal, read from IMAGE_DIR.
Inventory from_journal(const DatasetLayout& layout, const JournalContents& journal) {
  Inventory inv;
  inv.classes = journal.classes;
  LabelBook book(journal.classes);
  book.replay(journal.actions, layout.journal());
  std::vector<std::string> missing;
  for (const auto& li : labelled_images(book)) {
    const std::string file = (fs::path(journal.source_dir) / li.image).string();
    if (fs::is_regular_file(file))
      inv.items.push_back({li.image, li.class_name, file});
    else
      missing.push_back(li.image);
  }
  size_t skipped = 0, rejected = 0;
  for (const auto& entry : book.states()) {
    skipped += entry.second.status == Status::Skipped;
    rejected += entry.second.status == Status::Rejected;
  }
  inv.header = "dataset " + layout.root() + ", images from " + journal.source_dir + "\n";
  if (fs::is_directory(journal.source_dir)) {
    const ImageScan scan = scan_images(journal.source_dir, {layout.root()});
    size_t decided = 0;
    for (const auto& image : scan.images) decided += book.state(image).status != Status::Unlabelled;
    inv.header += std::to_string(scan.images.size()) +
                  " images: " + std::to_string(inv.items.size()) + " labelled, " +
                  std::to_string(skipped) + " skipped, " + std::to_string(rejected) +
                  " rejected, " + std::to_string(scan.images.size() - decided) + " unlabelled\n";
  }
  if (!missing.empty())
    inv.header +=
        std::to_string(missing.size()) + " labelled image(s) are no longer in the image folder\n";
  return inv;
}

// A folder of <class>/<image> without a journal (any image_folder dataset).
Inventory from_folders(const DatasetLayout& layout) {
  Inventory inv;
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(layout.root()))
    if (entry.is_directory()) folders.push_back(entry.path());
  std::sort(folders.begin(), folders.end());
  for (const auto& folder : folders) {
    const ImageScan scan = scan_images(folder.string());
    if (scan.images.empty()) continue;
    const std::string name = folder.filename().string();
    inv.classes.push_back(name);
    for (const auto& image : scan.images)
      inv.items.push_back({name + "/" + image, name, (folder / image).string()});
  }
  inv.header = "dataset " + layout.root() + " (no labels.journal: reading its class folders)\n";
  return inv;
}

}  // namespace

int run_report(const std::vector<std::string>& args) {
  QualityThresholds t;
  po::options_description options("options");
  options.add_options()("dataset-dir",
                        po::value<std::string>()->value_name("DATASET_DIR")->required(),
                        "the dataset folder")(
      "near-distance",
      po::value<int>(&t.near_distance)->default_value(t.near_distance)->value_name("BITS"),
      "dHash bits (of 64) within which two images count as near-duplicates")(
      "dark", po::value<double>(&t.dark_below)->default_value(t.dark_below)->value_name("GRAY"),
      "very dark: mean gray level below this (0..255)")(
      "bright",
      po::value<double>(&t.bright_above)->default_value(t.bright_above)->value_name("GRAY"),
      "very bright: mean gray level above this")(
      "blurry",
      po::value<double>(&t.blurry_below)->default_value(t.blurry_below)->value_name("VAR"),
      "blurry: variance of the Laplacian below this (measured at 512 px)");
  po::positional_options_description positional;
  positional.add("dataset-dir", 1);
  po::variables_map vm;
  const char* usage =
      "cnnlab-label report DATASET_DIR [--near-distance BITS] [--dark GRAY] [--bright GRAY] "
      "[--blurry VAR]\n\n"
      "Per-class counts, exact and near duplicates, very dark, very bright and blurry images";
  if (!parse_command_line(args, options, positional, usage, vm)) return 0;
  if (t.near_distance < 0 || t.near_distance > 64)
    throw ConfigError("--near-distance must be in 0..64");

  const DatasetLayout layout(absolute_path(vm["dataset-dir"].as<std::string>()));
  if (!fs::is_directory(layout.root()))
    throw ConfigError("'" + layout.root() + "' is not a folder");
  const JournalContents journal = read_journal(layout.journal());
  if (!journal.warning.empty()) print_warning(journal.warning);
  const Inventory inv = journal.exists && !journal.classes.empty() ? from_journal(layout, journal)
                                                                   : from_folders(layout);

  std::vector<std::string> files;
  for (const auto& item : inv.items) files.push_back(item.file);
  const QualityReport report = assess_quality(inv.items, fingerprint_all(files), inv.classes, t);
  std::cout << inv.header << format_quality_report(report);
  return 0;
}

}  // namespace cnnlab::label::app

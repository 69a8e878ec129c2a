// `cnnlab-label export DATASET_DIR`: export without opening a window.
#include <iostream>

#include "cli_support.hpp"
#include "cnnlab/error.hpp"
#include "commands.hpp"
#include "labeler/export.hpp"
#include "labeler/journal.hpp"

namespace cnnlab::label::app {

int run_export(const std::vector<std::string>& args) {
  po::options_description options("options");
  options.add_options()("dataset-dir",
                        po::value<std::string>()->value_name("DATASET_DIR")->required(),
                        "the dataset folder written by cnnlab-label");
  add_export_options(options);
  po::positional_options_description positional;
  positional.add("dataset-dir", 1);
  po::variables_map vm;
  const char* usage =
      "cnnlab-label export DATASET_DIR [--size WxH|original] [--grayscale|--color] [--test-split "
      "F] [--seed N]\n\n"
      "Brings DATASET_DIR/<class>/<image>, manifest.csv and split.csv up to date with the labels\n"
      "in DATASET_DIR/labels.journal";
  if (!parse_command_line(args, options, positional, usage, vm)) return 0;

  const DatasetLayout layout(absolute_path(vm["dataset-dir"].as<std::string>()));
  const ExportSettings settings = resolve_export_settings(vm, layout);
  const JournalContents probe = read_journal(layout.journal());
  if (!probe.exists)
    throw DataError(layout.root() + " has no labels.journal: label images with cnnlab-label first");
  const JournalLock lock(layout.journal());
  const JournalContents journal = read_journal(layout.journal());
  if (!journal.warning.empty()) print_warning(journal.warning);
  if (journal.source_dir.empty() || journal.classes.empty())
    throw DataError(layout.journal() +
                    " names no IMAGE_DIR or no classes: nothing was labelled yet");
  LabelBook book(journal.classes);
  book.replay(journal.actions, layout.journal());
  const ExportResult result =
      export_dataset(layout, journal.source_dir, journal.classes, labelled_images(book), settings);
  for (const auto& w : result.warnings) print_warning(w);
  std::cout << result.summary(layout.root()) << "\n";
  return 0;
}

}  // namespace cnnlab::label::app

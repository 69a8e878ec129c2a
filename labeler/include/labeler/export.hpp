#pragma once
// Export: bring DATASET_DIR/<class>/<image> in line with the labels (new labels added, a
// relabel moved, an undo or reject removed), then write manifest.csv, split.csv and
// export.conf. Only files the previous manifest lists are ever moved or deleted; anything
// else found in a class folder is left alone with a warning. A labelled photo that has left
// IMAGE_DIR keeps its exported copy (it may be the last one).
#include <string>
#include <vector>

#include "labeler/dataset_layout.hpp"
#include "labeler/export_settings.hpp"
#include "labeler/label_book.hpp"

namespace cnnlab::label {

struct LabelledImage {
  std::string image;  // relative to IMAGE_DIR
  std::string class_name;
};

// The labelled images of a book, sorted by image.
std::vector<LabelledImage> labelled_images(const LabelBook& book);

struct ExportResult {
  size_t exported = 0;  // rows in manifest.csv
  size_t added = 0, moved = 0, rewritten = 0, removed = 0, unchanged = 0;
  size_t train = 0, test = 0;
  std::vector<std::string> warnings;
  // "exported 12 images to DIR (3 added, 1 moved, ...); split.csv: 10 train, 2 test"
  std::string summary(const std::string& dataset_dir) const;
};

// The caller holds the dataset's JournalLock (or its Journal). Throws DataError when
// IMAGE_DIR is missing altogether or a file cannot be written; images that cannot be read
// are skipped with a warning.
ExportResult export_dataset(const DatasetLayout& layout, const std::string& image_dir,
                            const std::vector<std::string>& classes,
                            const std::vector<LabelledImage>& images,
                            const ExportSettings& settings);

}  // namespace cnnlab::label

#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cnnlab::datasets {

struct LabelledFile {
  std::string path;
  int32_t label = 0;
};

// Which files of an image folder dataset form each split. Nothing is decoded yet.
struct ImageFolderLayout {
  std::vector<std::string> class_names;
  std::vector<LabelledFile> train, test;
  std::string train_dir, test_dir;  // where each split's class folders are, for messages
};

struct ImageFolderOptions {
  std::string dir;
  std::optional<std::vector<std::string>> classes;  // fixes names and order; else sorted folders
  double test_split = 0.2;
  uint64_t seed = 0;
};

// Lists `DIR/<class>/<image>` and assigns every image a split, in this order of precedence:
// `DIR/train/<class>/...` and `DIR/test/<class>/...` when both folders exist; else the row of
// `DIR/split.csv` naming it (the labeler's export); else a draw stratified per class that
// puts round(test_split * n) of each class's n images in the test split. Files are sorted
// before drawing and both splits are shuffled with the seed, so the result depends only on
// the file names and the seed. Throws DataError for a missing folder, a class folder without
// images or a split.csv row naming no image.
ImageFolderLayout scan_image_folder(const ImageFolderOptions& options);

}  // namespace cnnlab::datasets

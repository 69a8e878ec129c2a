#include "image_folder_layout.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "cnnlab/error.hpp"
#include "cnnlab/random.hpp"
#include "dataset_common.hpp"
#include "split_csv.hpp"

namespace cnnlab::datasets {

namespace {

namespace fs = std::filesystem;

// The sub-stream of the experiment seed that draws image_folder splits.
constexpr uint64_t kSplitStream = 0x696d675f666f6c64;  // "img_fold"

bool hidden(const fs::path& p) { return p.filename().string().rfind('.', 0) == 0; }

bool is_image_file(const fs::path& p) {
  static const std::set<std::string> extensions = {".png", ".jpg",  ".jpeg", ".bmp",
                                                   ".tif", ".tiff", ".webp"};
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extensions.count(ext) > 0;
}

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// Sorted names of the visible entries of `dir` that are folders (want_dirs) or image files.
std::vector<std::string> list(const fs::path& dir, bool want_dirs) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) throw DataError(dir.string() + ": cannot list: " + ec.message());
  std::vector<std::string> names;
  for (const auto& entry : it) {
    if (hidden(entry.path())) continue;
    const bool wanted = want_dirs ? entry.is_directory(ec)
                                  : entry.is_regular_file(ec) && is_image_file(entry.path());
    if (wanted) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> images_of_class(const fs::path& folder) {
  auto names = list(folder, false);
  if (names.empty())
    throw DataError("class folder " + folder.string() +
                    " has no images (png, jpg, jpeg, bmp, tif, tiff, webp)");
  return names;
}

void shuffle(std::vector<LabelledFile>& files, Rng& rng) {
  for (size_t i = files.size(); i > 1; --i) std::swap(files[i - 1], files[rng.below(i)]);
}

std::vector<std::string> choose_classes(const ImageFolderOptions& options,
                                        const std::vector<fs::path>& roots) {
  std::set<std::string> found;
  for (const auto& root : roots)
    for (auto& name : list(root, true)) found.insert(name);
  if (!options.classes) {
    if (found.empty())
      throw DataError(options.dir + " has no class folders (expected " + options.dir +
                      "/<class>/<image>)");
    for (const auto& name : found) {
      const std::string problem = class_name_problem(name);
      if (!problem.empty()) throw DataError(options.dir + ": " + problem);
    }
    return {found.begin(), found.end()};
  }
  for (const auto& name : *options.classes)
    if (!found.count(name)) throw DataError(options.dir + ": no folder for class '" + name + "'");
  return *options.classes;
}

// DIR/train/<class>/... and DIR/test/<class>/...: a class may be missing from one of them.
void scan_presplit(const fs::path& dir, ImageFolderLayout& layout) {
  const fs::path roots[] = {dir / "train", dir / "test"};
  std::vector<LabelledFile>* splits[] = {&layout.train, &layout.test};
  for (int s = 0; s < 2; ++s)
    for (size_t c = 0; c < layout.class_names.size(); ++c) {
      const fs::path folder = roots[s] / layout.class_names[c];
      if (!is_dir(folder)) continue;
      for (const auto& name : images_of_class(folder))
        splits[s]->push_back({(folder / name).string(), static_cast<int32_t>(c)});
    }
  layout.train_dir = roots[0].string();
  layout.test_dir = roots[1].string();
}

// DIR/<class>/...: split.csv rows first, the seeded stratified draw for everything else.
void scan_single(const fs::path& dir, double test_split, Rng& rng, ImageFolderLayout& layout) {
  const fs::path csv_path = dir / "split.csv";
  auto listed =
      fs::exists(csv_path) ? read_split_csv(csv_path.string()) : std::map<std::string, Split>{};
  for (size_t c = 0; c < layout.class_names.size(); ++c) {
    const std::string& name = layout.class_names[c];
    std::vector<LabelledFile> drawn;
    for (const auto& file : images_of_class(dir / name)) {
      const LabelledFile item{(dir / name / file).string(), static_cast<int32_t>(c)};
      const auto row = listed.find(name + "/" + file);
      if (row == listed.end()) {
        drawn.push_back(item);
        continue;
      }
      (row->second == Split::train ? layout.train : layout.test).push_back(item);
      listed.erase(row);
    }
    shuffle(drawn, rng);
    const auto n_test = static_cast<size_t>(std::llround(test_split * drawn.size()));
    layout.test.insert(layout.test.end(), drawn.begin(), drawn.begin() + n_test);
    layout.train.insert(layout.train.end(), drawn.begin() + n_test, drawn.end());
  }
  // Rows of classes left out by `classes:` do not matter; any other row names a lost image.
  const std::set<std::string> chosen(layout.class_names.begin(), layout.class_names.end());
  for (const auto& [path, split] : listed) {
    const std::string class_name = fs::path(path).begin()->string();
    if (chosen.count(class_name))
      throw DataError(csv_path.string() + " names '" + path + "', which is not an image in " +
                      dir.string());
  }
  layout.train_dir = layout.test_dir = dir.string();
}

}  // namespace

ImageFolderLayout scan_image_folder(const ImageFolderOptions& options) {
  const fs::path dir(options.dir);
  if (!is_dir(dir)) throw DataError(options.dir + ": no such dataset folder");
  const bool presplit = is_dir(dir / "train") && is_dir(dir / "test");
  ImageFolderLayout layout;
  layout.class_names =
      choose_classes(options, presplit ? std::vector<fs::path>{dir / "train", dir / "test"}
                                       : std::vector<fs::path>{dir});
  Rng rng = Rng::derive(options.seed, kSplitStream);
  if (presplit)
    scan_presplit(dir, layout);
  else
    scan_single(dir, options.test_split, rng, layout);
  shuffle(layout.train, rng);
  shuffle(layout.test, rng);
  return layout;
}

}  // namespace cnnlab::datasets

#include "labeler/export.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <set>

#include "cnnlab/error.hpp"
#include "cnnlab/image_check.hpp"
#include "cnnlab/parallel.hpp"
#include "labeler/image_io.hpp"
#include "labeler/manifest.hpp"
#include "labeler/sha256.hpp"
#include "labeler/split.hpp"
#include "labeler/target_names.hpp"

namespace cnnlab::label {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPartialPrefix = ".cnnlab-partial-";

struct Planned {
  std::string image, class_name, target, source, sha256;
  bool source_missing = false;  // only its previously exported copy is left
};

// "" keeps the image's own extension: always for copies, and for re-encoded images whose
// format OpenCV can write; the others become PNG.
std::string output_extension(const std::string& image, const ExportSettings& settings) {
  if (!settings.transforms_pixels()) return "";
  const std::string ext = fs::path(image).extension().string();
  try {
    if (cv::haveImageWriter("image" + ext)) return "";
  } catch (const cv::Exception&) {
  }
  return ".png";
}

// "cat/x.png" with a known class and nothing odd in it.
bool is_class_file(const std::string& path, const std::set<std::string>& class_names) {
  const fs::path p(path);
  return !p.is_absolute() && p.has_parent_path() && !p.parent_path().has_parent_path() &&
         class_names.count(p.parent_path().string()) && p.filename() != ".." && p.filename() != ".";
}

// Export writes, moves and deletes inside DATASET_DIR/<class>: a class folder that is a
// symbolic link (or a file) would have it write into, and delete from, a folder elsewhere.
void require_real_class_folders(const DatasetLayout& layout,
                                const std::set<std::string>& class_names) {
  for (const auto& c : class_names) {
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(layout.file(c), ec);
    if (!fs::exists(status) || fs::is_directory(status)) continue;
    throw DataError("'" + layout.file(c) + "' is " +
                    (fs::is_symlink(status) ? "a symbolic link" : "not a folder") +
                    ": export only writes inside the dataset folder; nothing exported");
  }
}

void remove_partials(const DatasetLayout& layout, const std::set<std::string>& class_names) {
  std::error_code ec;
  for (const auto& c : class_names)
    for (const auto& entry : fs::directory_iterator(layout.file(c), ec))
      if (entry.path().filename().string().rfind(kPartialPrefix, 0) == 0)
        fs::remove(entry.path(), ec);
}

// Writes source to target through a temporary file in the same folder. False (with `error`)
// when the source cannot be decoded under a pixel transform.
bool write_image(const std::string& source, const std::string& target,
                 const ExportSettings& settings, std::string& error) {
  const fs::path final_path(target);
  const fs::path temporary =
      final_path.parent_path() / (kPartialPrefix + final_path.filename().string());
  std::error_code ec;
  if (!settings.transforms_pixels()) {
    fs::copy_file(source, temporary, fs::copy_options::overwrite_existing, ec);
    if (ec)
      throw DataError("cannot copy '" + source + "' to '" + temporary.string() +
                      "': " + ec.message());
  } else {
    const std::string refusal = image_decode_refusal(source);
    if (!refusal.empty()) {
      error = "cannot decode '" + source + "': " + refusal;
      return false;
    }
    cv::Mat image;
    try {
      image = cv::imread(source, settings.grayscale ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
    } catch (const cv::Exception&) {
    }
    if (image.empty()) {
      error = "cannot decode '" + source + "'";
      return false;
    }
    if (settings.width > 0) image = resize_to(image, {settings.width, settings.height});
    bool written = false;
    try {
      written = cv::imwrite(temporary.string(), image, {cv::IMWRITE_JPEG_QUALITY, 95});
    } catch (const cv::Exception&) {
    }
    if (!written) throw DataError("cannot write '" + temporary.string() + "'");
  }
  fs::rename(temporary, final_path, ec);
  if (ec) throw DataError("cannot write '" + target + "': " + ec.message());
  return true;
}

// "3 labelled image(s) (a.png, b.png, c.png)" for a warning; at most five names.
std::string some_of(const std::vector<std::string>& names) {
  std::string list;
  for (size_t i = 0; i < names.size() && i < 5; ++i) list += (i ? ", " : "") + names[i];
  return std::to_string(names.size()) + " labelled image(s) " +
         (names.size() > 5 ? "(" + list + ", ...)" : "(" + list + ")");
}

// What each labelled image becomes. A photo that has left IMAGE_DIR keeps the copy a previous
// export made (moved when its label changed): it may be the only copy left.
std::vector<Planned> plan(const std::string& image_dir, const std::vector<LabelledImage>& images,
                          const std::set<std::string>& class_names, const ExportSettings& settings,
                          const std::multimap<std::string, ManifestRow>& old_by_source,
                          const DatasetLayout& layout, ExportResult& result) {
  std::map<std::string, std::map<std::string, std::string>> flat_by_class;
  std::map<std::string, const ManifestRow*> kept_copies;  // image -> its old row
  std::vector<std::string> kept, lost;
  for (const auto& li : images) {
    if (!class_names.count(li.class_name)) continue;
    const std::string source = (fs::path(image_dir) / li.image).string();
    std::error_code ec;
    if (fs::is_regular_file(source, ec)) {
      flat_by_class[li.class_name][li.image] =
          flat_name(li.image, output_extension(li.image, settings));
      continue;
    }
    const ManifestRow* copy = nullptr;
    const auto rows = old_by_source.equal_range(source);
    for (auto it = rows.first; it != rows.second && !copy; ++it)
      if (fs::is_regular_file(layout.file(it->second.path), ec)) copy = &it->second;
    if (!copy) {
      lost.push_back(li.image);
      continue;
    }
    kept.push_back(li.image);
    kept_copies[li.image] = copy;
    flat_by_class[li.class_name][li.image] = fs::path(copy->path).filename().string();
  }
  if (!kept.empty())
    result.warnings.push_back(some_of(kept) + " are no longer in " + image_dir +
                              ": their exported copies are kept");
  if (!lost.empty())
    result.warnings.push_back(some_of(lost) + " are no longer in " + image_dir +
                              " and not exported");

  std::vector<Planned> planned;
  for (const auto& entry : flat_by_class)
    for (const auto& named : unique_names(entry.second)) {
      const auto copy = kept_copies.find(named.first);
      planned.push_back({named.first, entry.first, entry.first + "/" + named.second,
                         (fs::path(image_dir) / named.first).string(),
                         copy == kept_copies.end() ? "" : copy->second->sha256,
                         copy != kept_copies.end()});
    }

  std::vector<std::string> unreadable(planned.size());
  parallel_for(0, static_cast<int64_t>(planned.size()), 8, [&](int64_t begin, int64_t end) {
    for (auto i = static_cast<size_t>(begin); i < static_cast<size_t>(end); ++i) {
      if (planned[i].source_missing) continue;
      try {
        planned[i].sha256 = sha256_file(planned[i].source);
      } catch (const DataError& e) {
        unreadable[i] = e.what();
      }
    }
  });
  std::vector<Planned> readable;
  for (size_t i = 0; i < planned.size(); ++i) {
    if (unreadable[i].empty())
      readable.push_back(planned[i]);
    else
      result.warnings.push_back(unreadable[i] + ": not exported");
  }
  return readable;
}

void warn_about_foreign_files(const DatasetLayout& layout, const std::set<std::string>& class_names,
                              const std::vector<ManifestRow>& rows, ExportResult& result) {
  std::set<std::string> ours;
  for (const auto& r : rows) ours.insert(r.path);
  std::vector<std::string> foreign;
  std::error_code ec;
  for (const auto& c : class_names)
    for (const auto& entry : fs::directory_iterator(layout.file(c), ec)) {
      const std::string path = c + "/" + entry.path().filename().string();
      if (!ours.count(path)) foreign.push_back(path);
    }
  if (foreign.empty()) return;
  std::string list;
  for (size_t i = 0; i < foreign.size() && i < 5; ++i) list += (i ? ", " : "") + foreign[i];
  result.warnings.push_back(std::to_string(foreign.size()) +
                            " file(s) in class folders are not from the journal and were left in "
                            "place (the image_folder dataset will read them): " +
                            list + (foreign.size() > 5 ? ", ..." : ""));
}

}  // namespace

std::vector<LabelledImage> labelled_images(const LabelBook& book) {
  std::vector<LabelledImage> images;
  for (const auto& entry : book.states())
    if (entry.second.status == Status::Labelled)
      images.push_back({entry.first, book.classes()[static_cast<size_t>(entry.second.label)]});
  return images;
}

std::string ExportResult::summary(const std::string& dataset_dir) const {
  return "exported " + std::to_string(exported) + " image(s) to " + dataset_dir + " (" +
         std::to_string(added) + " added, " + std::to_string(moved) + " moved, " +
         std::to_string(rewritten) + " rewritten, " + std::to_string(removed) + " removed, " +
         std::to_string(unchanged) + " unchanged); split.csv: " + std::to_string(train) +
         " train, " + std::to_string(test) + " test";
}

ExportResult export_dataset(const DatasetLayout& layout, const std::string& image_dir,
                            const std::vector<std::string>& classes,
                            const std::vector<LabelledImage>& images,
                            const ExportSettings& settings) {
  ExportResult result;
  std::error_code ec;
  if (!fs::is_directory(image_dir, ec))
    throw DataError("the image folder '" + image_dir +
                    "' is not there (an unmounted drive?): nothing "
                    "exported; the labels are safe in the journal");
  fs::create_directories(layout.root(), ec);
  if (ec) throw DataError("cannot create '" + layout.root() + "': " + ec.message());
  const std::set<std::string> class_names(classes.begin(), classes.end());
  require_real_class_folders(layout, class_names);
  remove_partials(layout, class_names);

  const auto previous_settings = read_export_settings(layout.settings());
  const bool same_pixels = previous_settings && previous_settings->same_pixels(settings);
  std::map<std::string, ManifestRow> old_by_path;
  std::multimap<std::string, ManifestRow> old_by_source;
  for (const auto& row : read_manifest(layout.manifest())) {
    if (!is_class_file(row.path, class_names)) continue;
    old_by_path[row.path] = row;
    old_by_source.emplace(row.source, row);
  }

  const std::vector<Planned> planned =
      plan(image_dir, images, class_names, settings, old_by_source, layout, result);
  std::set<std::string> desired;
  for (const auto& p : planned) desired.insert(p.target);

  std::set<std::string> kept_old;  // old files that stay, in place or moved
  std::vector<const Planned*> exported;
  for (const auto& p : planned) {
    const std::string target = layout.file(p.target);
    const auto old = old_by_path.find(p.target);
    // A copy whose photo is gone stays as it is, whatever the settings now say.
    const auto up_to_date = [&](const ManifestRow& r) {
      return (same_pixels || p.source_missing) && r.source == p.source && r.sha256 == p.sha256 &&
             fs::exists(layout.file(r.path), ec);
    };
    fs::create_directories(fs::path(target).parent_path(), ec);
    if (old != old_by_path.end() && up_to_date(old->second)) {
      ++result.unchanged;
      kept_old.insert(p.target);
      exported.push_back(&p);
      continue;
    }
    bool moved = false;
    const auto sources = old_by_source.equal_range(p.source);
    for (auto it = sources.first; it != sources.second && !moved; ++it) {
      const ManifestRow& r = it->second;
      if (desired.count(r.path) || kept_old.count(r.path) || !up_to_date(r)) continue;
      fs::rename(layout.file(r.path), target, ec);
      if (ec) throw DataError("cannot move '" + layout.file(r.path) + "': " + ec.message());
      kept_old.insert(r.path);
      moved = true;
    }
    if (moved) {
      ++result.moved;
    } else if (p.source_missing) {
      continue;
    } else {
      const bool existed = fs::exists(target, ec);
      std::string error;
      if (!write_image(p.source, target, settings, error)) {
        result.warnings.push_back(error + ": not exported");
        continue;
      }
      ++(existed ? result.rewritten : result.added);
    }
    exported.push_back(&p);
  }
  std::sort(exported.begin(), exported.end(),
            [](const Planned* a, const Planned* b) { return a->target < b->target; });
  std::vector<ManifestRow> rows;
  std::vector<SplitItem> split_items;
  for (const Planned* p : exported) {
    rows.push_back({p->target, p->class_name, p->source, p->sha256});
    split_items.push_back({p->target, p->class_name, p->image});
  }

  for (const auto& entry : old_by_path) {
    if (desired.count(entry.first) || kept_old.count(entry.first)) continue;
    if (fs::remove(layout.file(entry.first), ec)) ++result.removed;
  }
  warn_about_foreign_files(layout, class_names, rows, result);
  for (const auto& c : class_names)
    if (fs::is_empty(layout.file(c), ec) && !ec) fs::remove(layout.file(c), ec);

  const std::vector<bool> test =
      stratified_test_split(split_items, settings.test_split, settings.seed);
  std::vector<SplitRow> split_rows;
  for (size_t i = 0; i < rows.size(); ++i) {
    split_rows.push_back({rows[i].path, test[i]});
    ++(test[i] ? result.test : result.train);
  }
  write_manifest(layout.manifest(), rows);
  write_split(layout.split(), split_rows);
  write_export_settings(layout.settings(), settings);
  result.exported = rows.size();
  return result;
}

}  // namespace cnnlab::label

#include "labeler/image_scan.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "cnnlab/error.hpp"

namespace cnnlab::label {

namespace fs = std::filesystem;

namespace {

bool same_folder(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec);
}

bool excluded(const fs::path& dir, const std::vector<std::string>& exclude) {
  for (const auto& e : exclude)
    if (same_folder(dir, e)) return true;
  return false;
}

bool decodable(const fs::path& file) {
  try {
    return cv::haveImageReader(file.string());
  } catch (const cv::Exception&) {
    return false;
  }
}

}  // namespace

bool has_image_extension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".tif" ||
         ext == ".tiff" || ext == ".webp";
}

ImageScan scan_images(const std::string& dir, const std::vector<std::string>& exclude) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw DataError("'" + dir + "' is not a folder");
  ImageScan scan;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) throw DataError("cannot read folder '" + dir + "': " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw DataError("cannot read folder '" + dir + "': " + ec.message());
    const fs::directory_entry& entry = *it;
    if (entry.is_directory(ec)) {
      if (excluded(entry.path(), exclude)) it.disable_recursion_pending();
      continue;
    }
    if (!entry.is_regular_file(ec) || !has_image_extension(entry.path().string())) continue;
    const std::string relative = entry.path().lexically_relative(dir).generic_string();
    (decodable(entry.path()) ? scan.images : scan.unreadable).push_back(relative);
  }
  std::sort(scan.images.begin(), scan.images.end());
  std::sort(scan.unreadable.begin(), scan.unreadable.end());
  return scan;
}

}  // namespace cnnlab::label

#pragma once
// Finding the images to label in IMAGE_DIR.
#include <string>
#include <vector>

namespace cnnlab::label {

struct ImageScan {
  std::vector<std::string> images;      // relative to the folder, '/'-separated, sorted
  std::vector<std::string> unreadable;  // image-named files OpenCV cannot decode, sorted
};

// png/jpg/jpeg/bmp/tif/tiff/webp in any letter case.
bool has_image_extension(const std::string& path);

// Recurses into `dir` (following no symlinked folders) and keeps image files whose header
// OpenCV recognises; the file body is decoded only when shown, so a scan of thousands of
// photos takes a moment. Folders named in `exclude` (e.g. the dataset being written inside
// IMAGE_DIR) are skipped. Throws DataError when `dir` is not a readable folder.
ImageScan scan_images(const std::string& dir, const std::vector<std::string>& exclude = {});

}  // namespace cnnlab::label

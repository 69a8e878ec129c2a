#pragma once
// How images are exported. Remembered in DATASET_DIR/export.conf so that every export (the
// `e` key, quitting, `cnnlab-label export`) uses the same settings until a command line
// changes them, and so that a change of size or color re-exports every image.
#include <cstdint>
#include <optional>
#include <string>

namespace cnnlab::label {

struct ExportSettings {
  int width = 0, height = 0;  // 0x0: each image keeps its own size
  bool grayscale = false;
  double test_split = 0.2;  // fraction of each class held out in split.csv
  uint64_t seed = 0;        // of the split

  bool transforms_pixels() const { return width > 0 || grayscale; }
  bool same_pixels(const ExportSettings& o) const {
    return width == o.width && height == o.height && grayscale == o.grayscale;
  }
};

// nullopt when the file does not exist. Throws DataError "<file>:<line>: ..." on a bad line.
std::optional<ExportSettings> read_export_settings(const std::string& file);
void write_export_settings(const std::string& file, const ExportSettings& settings);

// "64x64" -> width 64, height 64; "original" -> 0x0. Throws ConfigError otherwise.
void parse_export_size(const std::string& text, ExportSettings& settings);
// Throws ConfigError unless 0 <= fraction < 1.
void check_test_split(double fraction);

}  // namespace cnnlab::label

#pragma once
// Making datasets the way the runner does: through the cnnlab_datasets plugin loaded by
// cnnlab::PluginHost from the build tree, plus writers of small data files in each format.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cnnlab/config.hpp"
#include "cnnlab/dataset.hpp"
#include "test_support.hpp"

namespace cnnlab::test {

ConfigValue scalar(const std::string& text);
ConfigValue list(const std::vector<std::string>& items);

// A dataset config as if written in "exp.yaml", key i on line i + 1.
ConfigValue dataset_config(const std::vector<std::pair<std::string, ConfigValue>>& entries);

// Makes a dataset of `type` with the plugin, rejecting unknown keys like the runner does.
std::shared_ptr<Dataset> make_dataset(
    const std::string& type, const std::vector<std::pair<std::string, ConfigValue>>& entries,
    uint64_t seed = 0);

// Writes `bytes` to `path`, gzip-compressed when `gzip`.
void write_bytes(const std::string& path, const std::vector<uint8_t>& bytes, bool gzip = false);

// IDX files: images (magic 0x0803 with dims n, h, w, or 0x0804 with n, h, w, c when c > 1)
// and labels (0x0801).
std::vector<uint8_t> idx_images(size_t n, uint32_t h, uint32_t w, uint32_t c,
                                const std::vector<uint8_t>& pixels);
std::vector<uint8_t> idx_labels(const std::vector<uint8_t>& labels);

// Collects everything written to file descriptor 2 while it lives: std::cerr as well as what
// C libraries print there.
class StderrCapture {
 public:
  StderrCapture();
  ~StderrCapture();
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;
  std::string text() const;

 private:
  TempDir dir_;
  int saved_ = -1;
};

}  // namespace cnnlab::test

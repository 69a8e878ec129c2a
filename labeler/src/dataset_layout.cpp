#include "labeler/dataset_layout.hpp"

#include <utility>

namespace cnnlab::label {

namespace {
constexpr const char* kJournal = "labels.journal";
constexpr const char* kSettings = "export.conf";
constexpr const char* kManifest = "manifest.csv";
constexpr const char* kSplit = "split.csv";
}  // namespace

DatasetLayout::DatasetLayout(std::string root) : root_(std::move(root)) {
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

std::string DatasetLayout::journal() const { return file(kJournal); }
std::string DatasetLayout::settings() const { return file(kSettings); }
std::string DatasetLayout::manifest() const { return file(kManifest); }
std::string DatasetLayout::split() const { return file(kSplit); }
std::string DatasetLayout::file(const std::string& relative) const {
  return root_ + "/" + relative;
}

bool DatasetLayout::is_reserved_name(const std::string& name) {
  return name == kJournal || name == kSettings || name == kManifest || name == kSplit;
}

}  // namespace cnnlab::label

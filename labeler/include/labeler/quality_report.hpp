#pragma once
// `cnnlab-label report`: per-class counts, duplicates, and images that are very dark, very
// bright or blurry.
#include <string>
#include <vector>

#include "labeler/duplicates.hpp"
#include "labeler/fingerprint.hpp"

namespace cnnlab::label {

struct QualityThresholds {
  double dark_below = 40;     // mean gray level (0..255)
  double bright_above = 215;  // mean gray level
  double blurry_below = 100;  // variance of the Laplacian at kMeasureSide pixels
  int near_distance = kDefaultNearDistance;
};

struct ReportItem {
  std::string image;  // the name shown (relative to IMAGE_DIR)
  std::string class_name;
  std::string file;  // the file read
};

struct QualityReport {
  std::vector<std::string> classes;
  std::vector<int> per_class;  // items of each class
  std::vector<ReportItem> items;
  std::vector<Fingerprint> prints;  // one per item
  QualityThresholds thresholds;
  Duplicates duplicates;
  std::vector<size_t> dark, bright, blurry, unreadable;  // item indices
};

// Fingerprints of many files, computed in parallel; same order as `files`.
std::vector<Fingerprint> fingerprint_all(const std::vector<std::string>& files);

// The findings for items whose fingerprints are known.
QualityReport assess_quality(std::vector<ReportItem> items, std::vector<Fingerprint> prints,
                             const std::vector<std::string>& classes,
                             const QualityThresholds& thresholds);

std::string format_quality_report(const QualityReport& report);

}  // namespace cnnlab::label

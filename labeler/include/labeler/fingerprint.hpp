#pragma once
// What the duplicate finder and the quality report need to know about one image file.
#include <cstdint>
#include <opencv2/core.hpp>
#include <string>

namespace cnnlab::label {

// Measures are taken on the image reduced to this longer side, so that the thresholds mean the
// same for a phone photo and a scanned thumbnail.
constexpr int kMeasureSide = 512;

struct Fingerprint {
  std::string sha256;     // of the file's bytes; empty when it cannot be read
  bool decoded = false;   // false: the measures below are meaningless
  uint64_t dhash = 0;     // 64-bit difference hash of the picture
  double brightness = 0;  // mean gray level, 0..255
  double sharpness = 0;   // variance of the Laplacian (low: blurry)
};

Fingerprint fingerprint_file(const std::string& path);

// dHash: the gray image shrunk to 9x8, one bit per horizontally adjacent pair (left brighter
// than right). Survives rescaling and recompression, so near-duplicates differ in few bits.
uint64_t difference_hash(const cv::Mat& gray);
double laplacian_variance(const cv::Mat& gray);
int hamming_distance(uint64_t a, uint64_t b);

}  // namespace cnnlab::label

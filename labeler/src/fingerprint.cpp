#include "labeler/fingerprint.hpp"

#include <bitset>
#include <opencv2/imgproc.hpp>

#include "cnnlab/error.hpp"
#include "labeler/image_io.hpp"
#include "labeler/sha256.hpp"

namespace cnnlab::label {

Fingerprint fingerprint_file(const std::string& path) {
  Fingerprint f;
  try {
    f.sha256 = sha256_file(path);
  } catch (const DataError&) {
    return f;
  }
  const cv::Mat gray = load_gray_within(path, kMeasureSide);
  if (gray.empty()) return f;
  f.decoded = true;
  f.dhash = difference_hash(gray);
  f.brightness = cv::mean(gray)[0];
  f.sharpness = laplacian_variance(gray);
  return f;
}

uint64_t difference_hash(const cv::Mat& gray) {
  cv::Mat small;
  cv::resize(gray, small, cv::Size(9, 8), 0, 0, cv::INTER_AREA);
  uint64_t hash = 0;
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 8; ++x)
      hash = (hash << 1) | (small.at<uint8_t>(y, x) > small.at<uint8_t>(y, x + 1) ? 1u : 0u);
  return hash;
}

double laplacian_variance(const cv::Mat& gray) {
  cv::Mat laplacian;
  cv::Laplacian(gray, laplacian, CV_64F);
  cv::Scalar mean, stddev;
  cv::meanStdDev(laplacian, mean, stddev);
  return stddev[0] * stddev[0];
}

int hamming_distance(uint64_t a, uint64_t b) {
  return static_cast<int>(std::bitset<64>(a ^ b).count());
}

}  // namespace cnnlab::label

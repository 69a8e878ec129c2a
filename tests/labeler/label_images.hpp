#pragma once
// Images the labeler tests write: distinct textures, flat dark/bright frames, blurred copies.
#include <cstdint>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace cnnlab::label::test {

// Seeded noise smoothed into blobs plus a few hard-edged rectangles: sharp, mid-gray on
// average, and different for every seed (dHash distances around 32 bits).
cv::Mat textured_image(int width, int height, uint64_t seed);
cv::Mat flat_image(int width, int height, int gray);
cv::Mat blurred(const cv::Mat& image, double sigma);

// Writes with cv::imwrite (creating folders); throws when it fails.
void write_image(const std::string& path, const cv::Mat& image);

// names[i] -> folder/names[i] with textured_image(seed = i + 1).
void write_textured_images(const std::string& folder, const std::vector<std::string>& names,
                           int width = 96, int height = 72);

// Runs the built cnnlab-label.
struct LabelRun {
  int exit_code = -1;
  std::string out, err;
};
LabelRun run_label(const std::vector<std::string>& args, const std::vector<std::string>& env = {});

// Writes a script file (one key name per line) and returns its path.
std::string write_script(const std::string& folder, const std::vector<std::string>& keys);

std::vector<std::string> lines_of(const std::string& text);

}  // namespace cnnlab::label::test

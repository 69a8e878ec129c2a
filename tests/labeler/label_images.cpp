#include "label_images.hpp"

#include <filesystem>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <stdexcept>

#include "cnnlab/random.hpp"
#include "test_support.hpp"

namespace cnnlab::label::test {

cv::Mat textured_image(int width, int height, uint64_t seed) {
  Rng rng(seed);
  cv::Mat noise(height / 8 + 1, width / 8 + 1, CV_8UC3);
  for (auto it = noise.begin<cv::Vec3b>(); it != noise.end<cv::Vec3b>(); ++it)
    for (int c = 0; c < 3; ++c) (*it)[c] = static_cast<uint8_t>(40 + rng.below(176));
  cv::Mat image;
  cv::resize(noise, image, {width, height}, 0, 0, cv::INTER_CUBIC);
  for (int r = 0; r < 4; ++r) {
    const int x = static_cast<int>(rng.below(static_cast<uint64_t>(width))),
              y = static_cast<int>(rng.below(static_cast<uint64_t>(height)));
    const cv::Scalar color(static_cast<double>(rng.below(256)), static_cast<double>(rng.below(256)),
                           static_cast<double>(rng.below(256)));
    cv::rectangle(image, {x, y, width / 4, height / 4}, color, cv::FILLED);
  }
  // Fine grain, as a camera sensor gives: what makes a photo "sharp" to the Laplacian.
  for (auto it = image.begin<cv::Vec3b>(); it != image.end<cv::Vec3b>(); ++it)
    for (int c = 0; c < 3; ++c)
      (*it)[c] = cv::saturate_cast<uint8_t>((*it)[c] + static_cast<int>(rng.below(41)) - 20);
  return image;
}

cv::Mat flat_image(int width, int height, int gray) {
  return cv::Mat(height, width, CV_8UC3, cv::Scalar(gray, gray, gray));
}

cv::Mat blurred(const cv::Mat& image, double sigma) {
  cv::Mat out;
  cv::GaussianBlur(image, out, {0, 0}, sigma);
  return out;
}

void write_image(const std::string& path, const cv::Mat& image) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  if (!cv::imwrite(path, image)) throw std::runtime_error("cannot write " + path);
}

void write_textured_images(const std::string& folder, const std::vector<std::string>& names,
                           int width, int height) {
  for (size_t i = 0; i < names.size(); ++i)
    write_image(folder + "/" + names[i], textured_image(width, height, i + 1));
}

LabelRun run_label(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  std::vector<std::string> argv{CNNLAB_LABEL_EXE};
  argv.insert(argv.end(), args.begin(), args.end());
  const cnnlab::test::ProcessResult r = cnnlab::test::run_process(argv, env);
  return {r.exit_code, r.out, r.err};
}

std::string write_script(const std::string& folder, const std::vector<std::string>& keys) {
  static int count = 0;
  const std::string path = folder + "/script" + std::to_string(++count) + ".txt";
  std::string text;
  for (const auto& k : keys) text += k + "\n";
  cnnlab::test::write_file(path, text);
  return path;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

}  // namespace cnnlab::label::test

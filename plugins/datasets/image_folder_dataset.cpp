// `image_folder`: DIR/<class>/<image> as cnnlab-label exports it, decoded with OpenCV,
// converted to RGB or grayscale and resized to `image_size`.
#include <cstring>
#include <iostream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <tuple>

#include "cnnlab/error.hpp"
#include "cnnlab/image_check.hpp"
#include "cnnlab/parallel.hpp"
#include "dataset_common.hpp"
#include "image_folder_layout.hpp"

namespace cnnlab::datasets {

namespace {

// Images decoded per parallel task: decoding one takes far longer than scheduling it.
constexpr int64_t kDecodeGrain = 4;
constexpr int64_t kMaxSide = 8192;

// Decodes `path` into `out` (height x width x channels bytes, RGB order for 3 channels).
// Returns why it could not, or "": the header is checked first, so an image too large to
// decode is never handed to OpenCV.
std::string decode_into(const std::string& path, int64_t height, int64_t width, int64_t channels,
                        uint8_t* out) {
  if (std::string refusal = image_decode_refusal(path); !refusal.empty()) return refusal;
  try {
    const cv::Mat bgr = cv::imread(path, cv::IMREAD_COLOR);
    if (bgr.empty()) return "cannot be decoded";
    cv::Mat converted;
    cv::cvtColor(bgr, converted, channels == 1 ? cv::COLOR_BGR2GRAY : cv::COLOR_BGR2RGB);
    // Wraps the output bytes, so resize writes the pixels in place.
    cv::Mat target(static_cast<int>(height), static_cast<int>(width),
                   channels == 1 ? CV_8UC1 : CV_8UC3, out);
    cv::resize(converted, target, target.size(), 0, 0, cv::INTER_AREA);
    return target.data == out ? "" : "cannot be resized in place";
  } catch (const cv::Exception&) {
    return "cannot be decoded";
  }
}

class ImageFolderDataset : public Dataset {
 public:
  ImageFolderDataset(const Config& cfg, const DatasetContext& ctx) {
    options_.dir = cfg.get_path("path");
    options_.classes = read_class_names(cfg);
    options_.test_split = cfg.get_double("test_split", 0.2);
    if (!(options_.test_split >= 0.0 && options_.test_split < 1.0))
      cfg.fail("test_split", "must be at least 0 and below 1");
    options_.seed = ctx.seed;
    std::tie(height_, width_) = cfg.get_pair("image_size", std::pair<int64_t, int64_t>{32, 32});
    if (height_ < 1 || width_ < 1 || height_ > kMaxSide || width_ > kMaxSide)
      cfg.fail("image_size", "must be between 1 and " + std::to_string(kMaxSide));
    channels_ = cfg.get_int("channels", 3);
    if (channels_ != 1 && channels_ != 3) cfg.fail("channels", "must be 1 or 3");
    scale_ = read_scale(cfg);
  }

  std::string type() const override { return "image_folder"; }

  // Lists the folders (no image is decoded).
  DatasetInfo info() override {
    DatasetInfo info;
    info.input_shape = {height_, width_, channels_};
    info.class_names = layout().class_names;
    info.num_classes = static_cast<int>(info.class_names.size());
    info.scale = scale_;
    return info;
  }

  ImageSet load_train() override { return decode(layout().train, layout().train_dir, "train"); }
  ImageSet load_test() override { return decode(layout().test, layout().test_dir, "test"); }

 private:
  const ImageFolderLayout& layout() {
    if (!layout_) layout_ = scan_image_folder(options_);
    return *layout_;
  }

  // Decodes in parallel into fixed slots, then closes the gaps of unreadable files: the
  // result does not depend on the thread count.
  ImageSet decode(const std::vector<LabelledFile>& files, const std::string& dir,
                  const char* split) const {
    ImageSet set;
    set.height = height_;
    set.width = width_;
    set.channels = channels_;
    const size_t bytes = set.image_bytes();
    set.pixels.resize(files.size() * bytes);
    std::vector<std::string> problems(files.size());
    {
      // libpng and libjpeg print to file descriptor 2, even for good files ("libpng warning:
      // iCCP: known incorrect sRGB profile"); the files that failed are reported in one line.
      DecoderMessagesSilenced silenced;
      parallel_for(0, static_cast<int64_t>(files.size()), kDecodeGrain, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i)
          problems[i] =
              decode_into(files[i].path, height_, width_, channels_, set.pixels.data() + i * bytes);
      });
    }

    size_t skipped = 0;
    std::string first_skipped;
    for (size_t i = 0; i < files.size(); ++i) {
      if (!problems[i].empty()) {
        if (skipped++ == 0) first_skipped = one_line(files[i].path + ": " + problems[i], 300);
        continue;
      }
      const size_t kept = set.labels.size();
      if (kept != i)
        std::memcpy(set.pixels.data() + kept * bytes, set.pixels.data() + i * bytes, bytes);
      set.labels.push_back(files[i].label);
    }
    set.pixels.resize(set.labels.size() * bytes);
    if (skipped > 0 && set.labels.empty())
      throw DataError("image_folder: none of the " + std::to_string(skipped) + " images of the " +
                      split + " split in " + dir + " could be read (first: " + first_skipped + ")");
    if (skipped > 0)
      std::cerr << "cnnlab: warning: image_folder: skipped " << skipped << " unreadable image"
                << (skipped == 1 ? "" : "s") << " in " << dir << " (" << split
                << " split; first: " << first_skipped << ")\n";
    return set;
  }

  ImageFolderOptions options_;
  int64_t height_ = 0, width_ = 0, channels_ = 0;
  float scale_ = 255.0f;
  std::optional<ImageFolderLayout> layout_;
};

}  // namespace

DatasetType image_folder_type() {
  return {"image_folder", [](const Config& cfg, const DatasetContext& ctx) {
            return std::make_unique<ImageFolderDataset>(cfg, ctx);
          }};
}

}  // namespace cnnlab::datasets

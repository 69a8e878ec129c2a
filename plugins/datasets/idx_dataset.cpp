// `idx`: MNIST-style IDX files (images 0x0803 N x H x W or 0x0804 N x H x W x C, labels
// 0x0801 N), plain or gzip-compressed.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

#include "byte_reader.hpp"
#include "cnnlab/error.hpp"
#include "dataset_common.hpp"

namespace cnnlab::datasets {

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kFashionMnistClasses = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};

// The config key of one file and the names it goes by when the key is absent (both the
// original spelling and the dotted one common in re-distributions).
struct FileRole {
  const char* key;
  const char* description;
  std::vector<std::string> default_names;
};

const FileRole kTrainImages{
    "train_images", "training images", {"train-images-idx3-ubyte", "train-images.idx3-ubyte"}};
const FileRole kTrainLabels{
    "train_labels", "training labels", {"train-labels-idx1-ubyte", "train-labels.idx1-ubyte"}};
const FileRole kTestImages{
    "test_images", "test images", {"t10k-images-idx3-ubyte", "t10k-images.idx3-ubyte"}};
const FileRole kTestLabels{
    "test_labels", "test labels", {"t10k-labels-idx1-ubyte", "t10k-labels.idx1-ubyte"}};

// Each candidate NAME is tried as NAME, then NAME.gz.
std::string find_file(const std::string& dir, const FileRole& role,
                      const std::vector<std::string>& names) {
  std::string tried;
  for (const auto& name : names) {
    const fs::path base = fs::path(dir) / name;
    for (const std::string& path : {base.string(), base.string() + ".gz"}) {
      std::error_code ec;
      if (fs::is_regular_file(path, ec)) return path;
    }
    tried += (tried.empty() ? "" : ", ") + name + "[.gz]";
  }
  throw DataError("no " + std::string(role.description) + " in " + dir + ": none of " + tried +
                  " exists");
}

uint32_t big_endian(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

std::string hex(uint32_t x) {
  static const char digits[] = "0123456789abcdef";
  std::string s = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) s += digits[(x >> shift) & 0xf];
  return s;
}

constexpr uint64_t kMaxDataBytes = uint64_t{1} << 40;

std::string dims_text(const std::vector<uint64_t>& dims, size_t first = 0) {
  std::string s;
  for (size_t i = first; i < dims.size(); ++i)
    s += (i > first ? "x" : "") + std::to_string(dims[i]);
  return s;
}

// An opened IDX file whose header has been read and checked: dims[0] is the item count.
struct IdxFile {
  std::string path;
  std::unique_ptr<ByteReader> reader;
  std::vector<uint64_t> dims;
  uint64_t total_bytes = 0;  // what header and dims promise

  uint64_t count() const { return dims[0]; }
};

// `allowed_dims`: how many dimensions the magic may announce (1 for labels, 3 or 4 for images).
IdxFile open_idx(const std::string& path, const std::vector<int>& allowed_dims,
                 const char* content) {
  IdxFile f;
  f.path = path;
  f.reader = std::make_unique<ByteReader>(path);
  unsigned char word[4];
  f.reader->read_exact(word, 4, 4);
  const uint32_t magic = big_endian(word);
  const int ndims = word[3];
  const bool ubyte = word[0] == 0 && word[1] == 0 && word[2] == 0x08;
  if (!ubyte || std::find(allowed_dims.begin(), allowed_dims.end(), ndims) == allowed_dims.end()) {
    std::string expected;
    for (int d : allowed_dims) expected += (expected.empty() ? "" : " or ") + hex(0x800u + d);
    throw DataError(path + ": bad magic number " + hex(magic) + " (expected " + expected +
                    ": IDX " + content + " of unsigned bytes)");
  }
  const uint64_t header_bytes = 4 + 4 * static_cast<uint64_t>(ndims);
  uint64_t data_bytes = 1;
  for (int i = 0; i < ndims; ++i) {
    f.reader->read_exact(word, 4, header_bytes);
    f.dims.push_back(big_endian(word));
    // Checked before anything is allocated: a damaged header must not ask for petabytes.
    if (f.dims.back() != 0 && data_bytes > kMaxDataBytes / f.dims.back())
      throw DataError(path + ": implausible header: dimensions " + dims_text(f.dims) + " exceed " +
                      std::to_string(kMaxDataBytes) + " bytes");
    data_bytes *= f.dims.back();
  }
  f.total_bytes = header_bytes + data_bytes;
  return f;
}

// The image size becomes the model's input shape before any pixel is read, so it is bounded
// like image_folder's `image_size`.
constexpr uint64_t kMaxSide = 8192, kMaxChannels = 4;

IdxFile open_images(const std::string& path) {
  IdxFile f = open_idx(path, {3, 4}, "images");
  for (size_t i = 1; i < f.dims.size(); ++i)
    if (f.dims[i] == 0) throw DataError(path + ": image dimensions must not be zero");
  if (f.dims[1] > kMaxSide || f.dims[2] > kMaxSide ||
      (f.dims.size() == 4 && f.dims[3] > kMaxChannels))
    throw DataError(path + ": implausible header: images of " + dims_text(f.dims, 1) +
                    " (at most " + std::to_string(kMaxSide) + "x" + std::to_string(kMaxSide) + "x" +
                    std::to_string(kMaxChannels) + ")");
  return f;
}

std::vector<int32_t> read_labels(const std::string& path) {
  IdxFile f = open_idx(path, {1}, "labels");
  std::vector<uint8_t> bytes;
  f.reader->read_appending(bytes, f.count(), f.total_bytes);
  f.reader->expect_end(f.total_bytes);
  return std::vector<int32_t>(bytes.begin(), bytes.end());
}

void check_counts(const IdxFile& images, const std::vector<int32_t>& labels,
                  const std::string& labels_path) {
  if (images.count() != labels.size())
    throw DataError("inconsistent counts: " + images.path + " has " +
                    std::to_string(images.count()) + " images but " + labels_path + " has " +
                    std::to_string(labels.size()) + " labels");
}

bool mentions_fashion(std::string path) {
  std::transform(path.begin(), path.end(), path.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return path.find("fashion") != std::string::npos;
}

class IdxDataset : public Dataset {
 public:
  explicit IdxDataset(const Config& cfg)
      : dir_(cfg.get_path("path")),
        train_images_(names_for(cfg, kTrainImages)),
        train_labels_(names_for(cfg, kTrainLabels)),
        test_images_(names_for(cfg, kTestImages)),
        test_labels_(names_for(cfg, kTestLabels)),
        classes_(read_class_names(cfg)),
        scale_(read_scale(cfg)) {}

  std::string type() const override { return "idx"; }

  // Reads the image headers and the (small) label files: the class count is the largest
  // label + 1 unless `classes` names them.
  DatasetInfo info() override {
    if (info_) return *info_;
    const std::string train_labels_path = find_file(dir_, kTrainLabels, train_labels_);
    const std::string test_labels_path = find_file(dir_, kTestLabels, test_labels_);
    const IdxFile train = open_images(find_file(dir_, kTrainImages, train_images_));
    const IdxFile test = open_images(find_file(dir_, kTestImages, test_images_));
    const auto train_labels = read_labels(train_labels_path);
    const auto test_labels = read_labels(test_labels_path);
    check_counts(train, train_labels, train_labels_path);
    check_counts(test, test_labels, test_labels_path);
    if (train.dims.size() != test.dims.size() ||
        !std::equal(train.dims.begin() + 1, train.dims.end(), test.dims.begin() + 1))
      throw DataError("inconsistent image sizes: " + train.path + " holds " +
                      dims_text(train.dims, 1) + " images, " + test.path + " " +
                      dims_text(test.dims, 1));

    DatasetInfo info;
    const int64_t channels = train.dims.size() == 4 ? static_cast<int64_t>(train.dims[3]) : 1;
    info.input_shape = {static_cast<int64_t>(train.dims[1]), static_cast<int64_t>(train.dims[2]),
                        channels};
    info.scale = scale_;
    if (classes_) {
      info.class_names = *classes_;
    } else if (mentions_fashion(dir_)) {
      info.class_names = kFashionMnistClasses;
    } else {
      int32_t largest = 0;
      for (int32_t label : train_labels) largest = std::max(largest, label);
      for (int32_t label : test_labels) largest = std::max(largest, label);
      info.class_names = numbered_class_names(largest + 1);
    }
    info.num_classes = static_cast<int>(info.class_names.size());
    check_labels(train_labels, info.num_classes, train_labels_path);
    check_labels(test_labels, info.num_classes, test_labels_path);
    info_ = info;
    return info;
  }

  ImageSet load_train() override {
    return load(kTrainImages, train_images_, kTrainLabels, train_labels_);
  }
  ImageSet load_test() override {
    return load(kTestImages, test_images_, kTestLabels, test_labels_);
  }

 private:
  // An explicit key names one file (relative to `path`); otherwise the standard names.
  static std::vector<std::string> names_for(const Config& cfg, const FileRole& role) {
    if (!cfg.has(role.key)) return role.default_names;
    return {cfg.get_string(role.key)};
  }

  ImageSet load(const FileRole& images_role, const std::vector<std::string>& images_names,
                const FileRole& labels_role, const std::vector<std::string>& labels_names) {
    const DatasetInfo meta = info();
    const std::string labels_path = find_file(dir_, labels_role, labels_names);
    IdxFile images = open_images(find_file(dir_, images_role, images_names));
    ImageSet set;
    set.labels = read_labels(labels_path);
    check_counts(images, set.labels, labels_path);
    check_labels(set.labels, meta.num_classes, labels_path);
    set.height = meta.input_shape[0];
    set.width = meta.input_shape[1];
    set.channels = meta.input_shape[2];
    images.reader->read_appending(set.pixels, set.size() * set.image_bytes(), images.total_bytes);
    images.reader->expect_end(images.total_bytes);
    return set;
  }

  std::string dir_;
  std::vector<std::string> train_images_, train_labels_, test_images_, test_labels_;
  std::optional<std::vector<std::string>> classes_;
  float scale_;
  std::optional<DatasetInfo> info_;
};

}  // namespace

DatasetType idx_type() {
  return {"idx", [](const Config& cfg, const DatasetContext&) {
            return std::make_unique<IdxDataset>(cfg);
          }};
}

}  // namespace cnnlab::datasets

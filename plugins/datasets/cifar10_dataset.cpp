// `cifar10`: the binary CIFAR-10 files. Each record is one label byte and a 32x32 colour
// image stored as three planes (all red, all green, all blue); images are returned HWC.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

#include "cnnlab/error.hpp"
#include "dataset_common.hpp"

namespace cnnlab::datasets {

namespace {

namespace fs = std::filesystem;

constexpr int64_t kSide = 32, kChannels = 3;
constexpr size_t kPlaneBytes = kSide * kSide;
constexpr size_t kImageBytes = kPlaneBytes * kChannels;
constexpr size_t kRecordBytes = 1 + kImageBytes;
// Records converted per read: bounds the staging buffer to ~3 MB.
constexpr size_t kRecordsPerRead = 1024;

const std::vector<std::string> kCifar10Classes = {
    "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};

// Counts whole records, refusing a file that is missing, empty or cut inside a record.
size_t count_records(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw DataError(path + ": no such file");
  const uintmax_t bytes = fs::file_size(path, ec);
  if (ec) throw DataError(path + ": cannot read its size: " + ec.message());
  if (bytes == 0) throw DataError(path + " is empty");
  if (bytes % kRecordBytes != 0)
    throw DataError(path + " is truncated: " + std::to_string(bytes) +
                    " bytes is not a whole number of " + std::to_string(kRecordBytes) +
                    "-byte records (expected " +
                    std::to_string((bytes / kRecordBytes + 1) * kRecordBytes) + " bytes)");
  return static_cast<size_t>(bytes / kRecordBytes);
}

// Appends `records` records of `path` to `set`, converting each image from planar to HWC.
void append_records(const std::string& path, size_t records, ImageSet& set) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path + ": cannot open");
  std::vector<uint8_t> staging(kRecordsPerRead * kRecordBytes);
  for (size_t done = 0; done < records;) {
    const size_t n = std::min(kRecordsPerRead, records - done);
    if (!in.read(reinterpret_cast<char*>(staging.data()),
                 static_cast<std::streamsize>(n * kRecordBytes)))
      throw DataError(path + ": read failed after " + std::to_string(done) + " records");
    for (size_t r = 0; r < n; ++r) {
      const uint8_t* record = staging.data() + r * kRecordBytes;
      set.labels.push_back(record[0]);
      uint8_t* out = set.pixels.data() + (set.labels.size() - 1) * kImageBytes;
      for (size_t p = 0; p < kPlaneBytes; ++p)
        for (size_t c = 0; c < kChannels; ++c)
          out[p * kChannels + c] = record[1 + c * kPlaneBytes + p];
    }
    done += n;
  }
}

// batches.meta.txt: one class name per line (blank lines ignored). Read only when it is a
// regular file of a plausible size: a link to /dev/zero would otherwise be one endless line.
constexpr uintmax_t kMaxMetaBytes = uintmax_t{1} << 20;

std::vector<std::string> read_class_names_file(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw DataError(path + ": not a regular file");
  const uintmax_t bytes = fs::file_size(path, ec);
  if (ec || bytes > kMaxMetaBytes)
    throw DataError(path + ": " +
                    (ec ? "cannot read its size: " + ec.message()
                        : std::to_string(bytes) + " bytes, more than the " +
                              std::to_string(kMaxMetaBytes) + " a list of class names may have"));
  std::ifstream in(path);
  if (!in) throw DataError(path + ": cannot open");
  std::vector<std::string> names;
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    line.erase(0, line.find_first_not_of(" \t\r"));
    line.erase(line.find_last_not_of(" \t\r") + 1);
    if (line.empty()) continue;
    const std::string problem = class_name_problem(line);
    if (!problem.empty()) throw DataError(path + ":" + std::to_string(number) + ": " + problem);
    names.push_back(line);
  }
  if (names.empty()) throw DataError(path + " names no classes");
  return names;
}

class Cifar10Dataset : public Dataset {
 public:
  explicit Cifar10Dataset(const Config& cfg)
      : dir_(cfg.get_path("path")),
        train_files_(in_dir(cfg.get_string_list(
            "train_files",
            std::vector<std::string>{"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                                     "data_batch_4.bin", "data_batch_5.bin"}))),
        test_file_(in_dir({cfg.get_string("test_file", "test_batch.bin")}).front()),
        scale_(read_scale(cfg)) {
    if (train_files_.empty()) cfg.fail("train_files", "must name at least one file");
  }

  std::string type() const override { return "cifar10"; }

  // The shape is fixed; class names come from batches.meta.txt when it is there.
  DatasetInfo info() override {
    if (info_) return *info_;
    DatasetInfo info;
    info.input_shape = {kSide, kSide, kChannels};
    const std::string meta = (fs::path(dir_) / "batches.meta.txt").string();
    std::error_code ec;
    info.class_names = fs::exists(meta, ec) ? read_class_names_file(meta) : kCifar10Classes;
    info.num_classes = static_cast<int>(info.class_names.size());
    info.scale = scale_;
    info_ = info;
    return info;
  }

  ImageSet load_train() override { return load(train_files_); }
  ImageSet load_test() override { return load({test_file_}); }

 private:
  std::vector<std::string> in_dir(const std::vector<std::string>& names) const {
    std::vector<std::string> paths;
    for (const auto& name : names) paths.push_back((fs::path(dir_) / name).string());
    return paths;
  }

  ImageSet load(const std::vector<std::string>& files) {
    const int num_classes = info().num_classes;
    std::vector<size_t> records;
    size_t total = 0;
    for (const auto& file : files) total += records.emplace_back(count_records(file));
    ImageSet set;
    set.height = kSide;
    set.width = kSide;
    set.channels = kChannels;
    set.pixels.resize(total * kImageBytes);
    set.labels.reserve(total);
    for (size_t i = 0; i < files.size(); ++i) {
      const size_t first = set.labels.size();
      append_records(files[i], records[i], set);
      check_labels(std::vector<int32_t>(set.labels.begin() + first, set.labels.end()), num_classes,
                   files[i]);
    }
    return set;
  }

  std::string dir_;
  std::vector<std::string> train_files_;
  std::string test_file_;
  float scale_;
  std::optional<DatasetInfo> info_;
};

}  // namespace

DatasetType cifar10_type() {
  return {"cifar10", [](const Config& cfg, const DatasetContext&) {
            return std::make_unique<Cifar10Dataset>(cfg);
          }};
}

}  // namespace cnnlab::datasets

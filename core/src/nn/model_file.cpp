#include "cnnlab/host/model_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "../util/byte_io.hpp"
#include "cnnlab/dataset.hpp"
#include "cnnlab/error.hpp"

namespace cnnlab {

namespace {

constexpr char kMagic[8] = {'C', 'N', 'N', 'L', 'A', 'B', 'M', 'F'};
// Guards against absurd lengths in a corrupted file before anything is allocated.
constexpr uint64_t kMaxField = uint64_t{1} << 34;
// The model is rebuilt on the stored input shape before its weights are compared: a side
// this large is damage, not a model (image_folder's image_size stops at 8192).
constexpr int64_t kMaxInputSide = 1 << 16;

class Reader {
 public:
  Reader(const std::string& data, size_t end, std::string path)
      : data_(data), end_(end), path_(std::move(path)) {}
  void need(uint64_t n) const {
    if (n > end_ - pos_) fail("truncated");
  }
  uint32_t u32() {
    need(4);
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
      v |= uint32_t(static_cast<unsigned char>(data_[pos_ + i])) << (8 * i);
    pos_ += 4;
    return v;
  }
  uint64_t u64() {
    const uint64_t lo = u32();
    return lo | (uint64_t(u32()) << 32);
  }
  uint64_t length() {
    const uint64_t n = u64();
    if (n > kMaxField) fail("corrupted (field length " + std::to_string(n) + ")");
    return n;
  }
  std::string str() {
    const uint64_t n = length();
    need(n);
    std::string s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  float f32() {
    const uint32_t v = u32();
    float f;
    std::memcpy(&f, &v, 4);
    return f;
  }
  // Called before room for n floats is allocated: fails unless the file holds them.
  void need_floats(uint64_t n) const {
    if (n > (end_ - pos_) / 4) fail("truncated (a tensor claims more values than the file holds)");
  }
  void floats(float* out, uint64_t n) {
    need_floats(n);
    if (n == 0) return;  // a tensor without elements has no storage to copy into
    std::memcpy(out, data_.data() + pos_, n * 4);
    pos_ += n * 4;
  }
  bool at_end() const { return pos_ == end_; }
  [[noreturn]] void fail(const std::string& what) const {
    throw DataError(path_ + ": not a usable cnnlab model file: " + what);
  }

 private:
  const std::string& data_;
  size_t end_;
  size_t pos_ = sizeof(kMagic);
  std::string path_;
};

// A regular file read whole: a FIFO or a device would never end.
std::string read_regular_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw DataError(path + (std::filesystem::exists(path, ec) ? ": not a regular file"
                                                              : ": cannot open model file"));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path + ": cannot open model file");
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) throw DataError(path + ": cannot read its size: " + ec.message());
  std::string data(static_cast<size_t>(size), '\0');
  if (!in.read(data.data(), static_cast<std::streamsize>(size)))
    throw DataError(path + ": cannot read model file");
  return data;
}

// What a valid checksum does not prove: the values make sense. Names come from the file, so
// they are quoted when echoed.
void check_values(const ModelFile& file, const Reader& r) {
  if (!std::isfinite(file.scale) || file.scale <= 0.0f)
    r.fail("input scale " + std::to_string(file.scale) + " is not a positive number");
  if (file.input_shape.empty()) r.fail("no input shape");
  for (int64_t d : file.input_shape)
    if (d < 1 || d > kMaxInputSide)
      r.fail("input shape " + shape_to_string(file.input_shape) + " has a size outside 1.." +
             std::to_string(kMaxInputSide));
  if (file.class_names.empty()) r.fail("no class names");
  // Class names are printed by `predict`: no terminal control sequences.
  for (const std::string& name : file.class_names)
    if (!class_name_problem(name).empty())
      r.fail("class name " + quoted(name) + " is empty, longer than " +
             std::to_string(kMaxClassNameBytes) + " bytes or holds control characters");
  for (const auto& [name, tensor] : file.tensors) {
    const float* v = tensor.data();
    for (size_t i = 0; i < tensor.size(); ++i)
      if (!std::isfinite(v[i]))
        r.fail("tensor " + quoted(name) + " holds a non-finite value (" + std::to_string(v[i]) +
               " at index " + std::to_string(i) + ")");
  }
}

}  // namespace

void write_model_file(const std::string& path, const ModelFile& file) {
  bytes::Writer w;
  w.raw(kMagic, sizeof(kMagic));
  w.u32(kModelFormatVersion);
  w.str(file.architecture_yaml);
  w.str(file.variant);
  w.u64(file.class_names.size());
  for (const auto& name : file.class_names) w.str(name);
  w.u64(file.input_shape.size());
  for (int64_t d : file.input_shape) w.u64(static_cast<uint64_t>(d));
  w.floats(&file.scale, 1);
  w.u64(file.tensors.size());
  for (const auto& [name, tensor] : file.tensors) {
    w.str(name);
    w.u64(tensor.rank());
    for (int64_t d : tensor.dims()) w.u64(static_cast<uint64_t>(d));
    w.floats(tensor.data(), tensor.size());
  }
  w.seal();
  bytes::write_file_atomically(path, w.buffer(), "model file");
}

ModelFile read_model_file(const std::string& path) {
  const std::string data = read_regular_file(path);
  if (data.size() < sizeof(kMagic) || std::memcmp(data.data(), kMagic, sizeof(kMagic)) != 0)
    throw DataError(path + ": not a cnnlab model file (bad magic)");
  if (data.size() < sizeof(kMagic) + 8)
    throw DataError(path + ": not a usable cnnlab model file: truncated");
  const size_t body = data.size() - 4;
  uint32_t stored = 0;
  for (int i = 0; i < 4; ++i)
    stored |= uint32_t(static_cast<unsigned char>(data[body + i])) << (8 * i);

  Reader r(data, body, path);
  const uint32_t version = r.u32();
  if (version != kModelFormatVersion)
    throw DataError(path + ": model format version " + std::to_string(version) +
                    ", this cnnlab reads version " + std::to_string(kModelFormatVersion));
  if (bytes::crc32_of(data.data(), body) != stored)
    r.fail("checksum mismatch (the file is truncated or corrupted)");

  ModelFile file;
  file.architecture_yaml = r.str();
  file.variant = r.str();
  for (uint64_t n = r.length(); n > 0; --n) file.class_names.push_back(r.str());
  for (uint64_t n = r.length(); n > 0; --n)
    file.input_shape.push_back(static_cast<int64_t>(r.u64()));
  file.scale = r.f32();
  for (uint64_t n = r.length(); n > 0; --n) {
    std::string name = r.str();
    std::vector<int64_t> dims;
    uint64_t count = 1;
    for (uint64_t rank = r.length(); rank > 0; --rank) {
      const uint64_t d = r.length();
      dims.push_back(static_cast<int64_t>(d));
      if (d != 0 && count > kMaxField / d) r.fail("corrupted tensor dims");
      count *= d;
    }
    r.need_floats(count);
    Tensor t(dims);
    r.floats(t.data(), count);
    file.tensors.emplace_back(std::move(name), std::move(t));
  }
  if (!r.at_end()) r.fail("unexpected trailing data");
  check_values(file, r);
  return file;
}

void store_weights(Model& model, ModelFile& file) {
  file.tensors.clear();
  for (const auto& entry : model.layers())
    for (Parameter* p : entry.layer->parameters())
      file.tensors.emplace_back(entry.name + "/" + p->name, p->value);
}

void load_weights(Model& model, const ModelFile& file, const std::string& origin) {
  std::map<std::string, const Tensor*> by_name;
  for (const auto& [name, tensor] : file.tensors) by_name[name] = &tensor;
  size_t used = 0;
  for (const auto& entry : model.layers())
    for (Parameter* p : entry.layer->parameters()) {
      const std::string name = entry.name + "/" + p->name;
      auto it = by_name.find(name);
      if (it == by_name.end()) throw DataError(origin + ": no weights for " + name);
      if (it->second->dims() != p->value.dims())
        throw DataError(origin + ": weights for " + name + " have other dimensions than the model");
      p->value = *it->second;
      ++used;
    }
  if (used != file.tensors.size())
    throw DataError(origin + ": holds weights the model has no place for");
}

}  // namespace cnnlab

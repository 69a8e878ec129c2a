#include "dataset_fixture.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <fstream>
#include <iostream>
#include <stdexcept>

#include "cnnlab/plugin_host.hpp"

namespace cnnlab::test {

namespace {

const char* kFile = "exp.yaml";

// Only this plugin's library, so the tests do not depend on what else is built.
const PluginHost& dataset_host() {
  static const PluginHost host([] {
    PluginHost::Options options;
    options.dirs = {CNNLAB_PLUGIN_DIR "/libcnnlab_datasets.so"};
    options.use_environment = false;
    options.use_default_dir = false;
    return options;
  }());
  return host;
}

void put_u32(std::vector<uint8_t>& out, uint32_t x) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(x >> shift));
}

void place(ConfigValue& v, int line, int column) {
  v.location = {kFile, line, column};
  for (auto& item : v.items) place(item, line, column);
}

}  // namespace

ConfigValue scalar(const std::string& text) {
  ConfigValue v;
  v.kind = ConfigValue::Kind::scalar;
  v.scalar = text;
  return v;
}

ConfigValue list(const std::vector<std::string>& items) {
  ConfigValue v;
  v.kind = ConfigValue::Kind::list;
  for (const auto& item : items) v.items.push_back(scalar(item));
  return v;
}

ConfigValue dataset_config(const std::vector<std::pair<std::string, ConfigValue>>& entries) {
  ConfigValue map;
  map.kind = ConfigValue::Kind::map;
  map.location = {kFile, 1, 3};
  int line = 1;
  for (auto [key, value] : entries) {
    ++line;
    place(value, line, 5 + static_cast<int>(key.size()) + 2);
    map.entries.emplace_back(key, value);
    map.key_locations.push_back({kFile, line, 5});
  }
  return map;
}

std::shared_ptr<Dataset> make_dataset(
    const std::string& type, const std::vector<std::pair<std::string, ConfigValue>>& entries,
    uint64_t seed) {
  DatasetContext ctx;
  ctx.seed = seed;
  return dataset_host().make_dataset(
      type, Config(dataset_config(entries), "dataset '" + type + "'"), ctx);
}

void write_bytes(const std::string& path, const std::vector<uint8_t>& bytes, bool gzip) {
  if (gzip) {
    gzFile f = gzopen(path.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + path);
    const int written = bytes.empty() ? 0 : gzwrite(f, bytes.data(), bytes.size());
    gzclose(f);
    if (written != static_cast<int>(bytes.size())) throw std::runtime_error("gzwrite " + path);
    return;
  }
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!f) throw std::runtime_error("cannot write " + path);
}

std::vector<uint8_t> idx_images(size_t n, uint32_t h, uint32_t w, uint32_t c,
                                const std::vector<uint8_t>& pixels) {
  std::vector<uint8_t> out = {0, 0, 0x08, static_cast<uint8_t>(c > 1 ? 4 : 3)};
  put_u32(out, static_cast<uint32_t>(n));
  put_u32(out, h);
  put_u32(out, w);
  if (c > 1) put_u32(out, c);
  out.insert(out.end(), pixels.begin(), pixels.end());
  return out;
}

std::vector<uint8_t> idx_labels(const std::vector<uint8_t>& labels) {
  std::vector<uint8_t> out = {0, 0, 0x08, 1};
  put_u32(out, static_cast<uint32_t>(labels.size()));
  out.insert(out.end(), labels.begin(), labels.end());
  return out;
}

StderrCapture::StderrCapture() {
  std::cerr.flush();
  saved_ = ::dup(STDERR_FILENO);
  const int file = ::open(dir_.file("stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (saved_ < 0 || file < 0) throw std::runtime_error("cannot capture stderr");
  ::dup2(file, STDERR_FILENO);
  ::close(file);
}

StderrCapture::~StderrCapture() {
  std::cerr.flush();
  ::dup2(saved_, STDERR_FILENO);
  ::close(saved_);
}

std::string StderrCapture::text() const {
  std::cerr.flush();
  return read_file(dir_.file("stderr"));
}

}  // namespace cnnlab::test

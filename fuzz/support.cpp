#include "support.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <vector>

#include "cnnlab/host/experiment.hpp"

namespace cnnlab::fuzz {

namespace fs = std::filesystem;

namespace {

// Made on first use, removed when the process exits normally.
struct ScratchDir {
  std::string path;
  ScratchDir() {
    const char* tmp = std::getenv("TMPDIR");
    path = std::string(tmp && *tmp ? tmp : "/tmp") + "/cnnlab-fuzz-XXXXXX";
    if (!::mkdtemp(path.data())) std::abort();
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

}  // namespace

const std::string& scratch_dir() {
  static const ScratchDir dir;
  return dir.path;
}

std::string write_scratch(const std::string& relative, const void* data, size_t size) {
  const fs::path path = fs::path(scratch_dir()) / relative;
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out.flush()) std::abort();  // the scratch disk is full: no result would mean anything
  return path.string();
}

std::string write_scratch(const std::string& relative, const std::string& text) {
  return write_scratch(relative, text.data(), text.size());
}

std::string tiny_png() {
  std::vector<uchar> png;
  cv::imencode(".png", cv::Mat(1, 1, CV_8UC3, cv::Scalar(0, 0, 0)), png);
  return std::string(png.begin(), png.end());
}

const PluginHost& plugins() {
  // Only the plugins next to libcnnlab in this build: never an installed or environment one.
  static const PluginHost host(PluginHost::Options{{}, false, true});
  return host;
}

Config config_from_yaml(const std::string& yaml, const std::string& what) {
  return Config(parse_yaml(yaml, "fuzz-config.yaml"), what, scratch_dir());
}

}  // namespace cnnlab::fuzz

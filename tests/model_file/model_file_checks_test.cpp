// What a valid checksum does not prove: sizes the file can hold, finite values, names that
// fit the model; and a model is written only over a regular file.
#include <sys/stat.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <limits>

#include "cnnlab/error.hpp"
#include "cnnlab/host/experiment.hpp"
#include "cnnlab/host/model_file.hpp"
#include "cnnlab/host/trained_model.hpp"
#include "memory_cap.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;
namespace fs = std::filesystem;

namespace {

ModelFile small() {
  ModelFile f;
  f.architecture_yaml = "name: t\n";
  f.class_names = {"a", "b"};
  f.input_shape = {2, 2, 1};
  Tensor k({2, 3});
  for (size_t i = 0; i < k.size(); ++i) k[i] = static_cast<float>(i);
  f.tensors.emplace_back("dense/kernel", k);
  return f;
}

std::string error_reading(const ModelFile& file) {
  TempDir dir;
  write_model_file(dir.file("m.cnnlab"), file);
  try {
    read_model_file(dir.file("m.cnnlab"));
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

// Rewrites the trailing CRC-32 after `bytes` was edited, as a careful forger would.
void reseal(std::string& bytes) {
  const size_t body = bytes.size() - 4;
  const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data()),
                          static_cast<uInt>(body));
  for (int i = 0; i < 4; ++i) bytes[body + i] = static_cast<char>((crc >> (8 * i)) & 0xff);
}

void put_u64(std::string& bytes, size_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i) bytes[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

}  // namespace

TEST_CASE("a tensor claiming 2^30 values with a valid checksum is refused before allocating",
          "[model_file]") {
  TempDir dir;
  const std::string path = dir.file("m.cnnlab");
  write_model_file(path, small());
  std::string bytes = read_file(path);
  // After the name: the rank (2), then the dims 2 and 3.
  const size_t dims = bytes.find("dense/kernel") + std::string("dense/kernel").size() + 8;
  put_u64(bytes, dims, uint64_t{1} << 15);
  put_u64(bytes, dims + 8, uint64_t{1} << 15);
  reseal(bytes);
  write_file(path, bytes);
  MemoryCap cap(rlim_t{256} << 20);  // the claim is 4 GiB
  CHECK_THROWS_WITH(read_model_file(path),
                    path +
                        ": not a usable cnnlab model file: truncated (a tensor claims more "
                        "values than the file holds)");
}

TEST_CASE("tensor dims whose product overflows are refused", "[model_file]") {
  TempDir dir;
  const std::string path = dir.file("m.cnnlab");
  write_model_file(path, small());
  std::string bytes = read_file(path);
  const size_t dims = bytes.find("dense/kernel") + std::string("dense/kernel").size() + 8;
  put_u64(bytes, dims, uint64_t{1} << 34);
  put_u64(bytes, dims + 8, uint64_t{1} << 34);  // 2^68 wraps to 0 in 64 bits
  reseal(bytes);
  write_file(path, bytes);
  CHECK_THROWS_WITH(read_model_file(path), Catch::Contains("corrupted tensor dims"));
}

TEST_CASE("a NaN, infinite or zero scale is refused", "[model_file]") {
  for (const float scale : {std::numeric_limits<float>::quiet_NaN(),
                            std::numeric_limits<float>::infinity(), 0.0f, -1.0f}) {
    ModelFile f = small();
    f.scale = scale;
    CHECK_THAT(error_reading(f), Catch::Contains("is not a positive number"));
  }
}

TEST_CASE("NaN or infinite weights are refused, naming the tensor", "[model_file]") {
  ModelFile f = small();
  f.tensors[0].second[4] = std::numeric_limits<float>::infinity();
  CHECK_THAT(error_reading(f),
             Catch::EndsWith("tensor 'dense/kernel' holds a non-finite value (inf at index 4)"));
  f.tensors[0].second[4] = std::numeric_limits<float>::quiet_NaN();
  CHECK_THAT(error_reading(f), Catch::Contains("non-finite value (nan at index 4)"));
}

TEST_CASE("an input shape or class list that cannot be a model is refused", "[model_file]") {
  ModelFile f = small();
  f.input_shape = {2, 0, 1};
  CHECK_THAT(error_reading(f),
             Catch::EndsWith("input shape (None, 2, 0, 1) has a size outside 1..65536"));
  f.input_shape = {1 << 20, 1 << 20, 3};
  CHECK_THAT(error_reading(f), Catch::Contains("has a size outside 1..65536"));
  f = small();
  f.class_names.clear();
  CHECK_THAT(error_reading(f), Catch::EndsWith("no class names"));
  f.class_names = {"cat", "\x1b]0;pwned\x07"};
  CHECK_THAT(error_reading(f),
             Catch::EndsWith("class name '\\x1b]0;pwned\\x07' is empty, longer than 256 bytes "
                             "or holds control characters"));
  f.class_names = {"cat", ""};
  CHECK_THAT(error_reading(f), Catch::Contains("class name '' is empty"));
}

TEST_CASE("a model file that is not a regular file is refused without reading it", "[model_file]") {
  CHECK_THROWS_WITH(read_model_file("/dev/zero"), "/dev/zero: not a regular file");
  TempDir dir;
  CHECK_THROWS_WITH(read_model_file(dir.path()), dir.path() + ": not a regular file");
}

TEST_CASE("class names that do not fit the model's outputs are refused on loading",
          "[model_file]") {
  TempDir dir;
  const std::string yaml =
      "name: m\ndataset: {type: idx, path: .}\nmodel:\n  layers:\n"
      "    - {type: flatten}\n    - {type: dense, units: 3, activation: softmax}\n";
  Model model = build_model_from_yaml(yaml, plugin_host(), {2, 2, 1}, "m");
  ModelFile f;
  f.architecture_yaml = yaml;
  f.class_names = {"a", "b"};
  f.input_shape = {2, 2, 1};
  store_weights(model, f);
  write_model_file(dir.file("m.cnnlab"), f);
  CHECK_THROWS_WITH(load_trained_model(dir.file("m.cnnlab"), plugin_host()),
                    dir.file("m.cnnlab") +
                        ": not a usable cnnlab model file: 2 class names for a model whose "
                        "output is (None, 3)");
  f.class_names.push_back("c");
  write_model_file(dir.file("m.cnnlab"), f);
  CHECK(load_trained_model(dir.file("m.cnnlab"), plugin_host()).file.class_names.size() == 3);
}

TEST_CASE("the YAML inside a model file is held to the reader's limits", "[model_file]") {
  TempDir dir;
  ModelFile f = small();
  f.architecture_yaml = "name: &a {x: *a}\n";
  write_model_file(dir.file("m.cnnlab"), f);
  CHECK_THROWS_WITH(load_trained_model(dir.file("m.cnnlab"), plugin_host()),
                    Catch::Contains("nested more than 64 levels deep"));
}

TEST_CASE("a model is never written through a symbolic link or over a non-regular file",
          "[model_file]") {
  TempDir dir;
  const std::string target = dir.file("precious.txt"), path = dir.file("m.cnnlab");
  write_file(target, "keep me");
  fs::create_symlink(target, path);
  CHECK_THROWS_WITH(
      write_model_file(path, small()),
      "cannot write model file " + path + ": it is a symbolic link; refusing to replace it");
  CHECK(read_file(target) == "keep me");
  CHECK(fs::is_symlink(path));

  const std::string fifo = dir.file("fifo.cnnlab");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(
      write_model_file(fifo, small()),
      "cannot write model file " + fifo + ": it is not a regular file; refusing to replace it");
  CHECK(fs::is_fifo(fifo));

  fs::create_directory(dir.file("folder.cnnlab"));
  CHECK_THROWS_WITH(write_model_file(dir.file("folder.cnnlab"), small()),
                    Catch::EndsWith("it is a directory; refusing to replace it"));
  CHECK(fs::directory_iterator(dir.path()) != fs::directory_iterator());
  for (const auto& entry : fs::directory_iterator(dir.path()))
    CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);

  write_file(dir.file("old.cnnlab"), "an old model");
  write_model_file(dir.file("old.cnnlab"), small());  // a regular file is replaced
  CHECK(read_model_file(dir.file("old.cnnlab")).class_names == small().class_names);
}

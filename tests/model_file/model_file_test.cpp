#include "cnnlab/host/model_file.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "cnnlab/error.hpp"
#include "test_support.hpp"

using cnnlab::ModelFile;
using cnnlab::test::read_file;
using cnnlab::test::TempDir;
using cnnlab::test::write_file;

namespace {

ModelFile sample() {
  ModelFile f;
  f.architecture_yaml = "name: t\nmodel:\n  layers: []\n";
  f.variant = "dropout=0.25";
  f.class_names = {"cat", "dog", "bird"};
  f.input_shape = {8, 8, 1};
  f.scale = 255.0f;
  cnnlab::Tensor k({3, 3, 1, 2});
  for (size_t i = 0; i < k.size(); ++i) k[i] = 0.5f * static_cast<float>(i) - 1.0f;
  f.tensors.emplace_back("conv2d/kernel", k);
  f.tensors.emplace_back("conv2d/bias", cnnlab::Tensor({2}));
  return f;
}

}  // namespace

TEST_CASE("model file round trip keeps every field", "[model_file]") {
  TempDir dir;
  const std::string path = dir.file("m.cnnlab");
  cnnlab::write_model_file(path, sample());
  const ModelFile back = cnnlab::read_model_file(path);
  const ModelFile expected = sample();
  CHECK(back.architecture_yaml == expected.architecture_yaml);
  CHECK(back.variant == expected.variant);
  CHECK(back.class_names == expected.class_names);
  CHECK(back.input_shape == expected.input_shape);
  CHECK(back.scale == expected.scale);
  REQUIRE(back.tensors.size() == 2);
  CHECK(back.tensors[0].first == "conv2d/kernel");
  CHECK(back.tensors[0].second.dims() == expected.tensors[0].second.dims());
  for (size_t i = 0; i < expected.tensors[0].second.size(); ++i)
    CHECK(back.tensors[0].second[i] == expected.tensors[0].second[i]);
}

TEST_CASE("a truncated model file is refused at every length", "[model_file]") {
  TempDir dir;
  const std::string path = dir.file("m.cnnlab");
  cnnlab::write_model_file(path, sample());
  const std::string whole = read_file(path);
  for (size_t n :
       {size_t{0}, size_t{5}, size_t{8}, size_t{12}, whole.size() / 2, whole.size() - 1}) {
    write_file(path, whole.substr(0, n));
    CHECK_THROWS_AS(cnnlab::read_model_file(path), cnnlab::DataError);
  }
}

TEST_CASE("a corrupted byte fails the checksum", "[model_file]") {
  TempDir dir;
  const std::string path = dir.file("m.cnnlab");
  cnnlab::write_model_file(path, sample());
  std::string bytes = read_file(path);
  bytes[bytes.size() - 20] ^= 0x40;
  write_file(path, bytes);
  CHECK_THROWS_WITH(cnnlab::read_model_file(path), Catch::Contains("checksum"));
}

TEST_CASE("another file type or format version is named as such", "[model_file]") {
  TempDir dir;
  const std::string path = dir.file("m.cnnlab");
  write_file(path, "PK\x03\x04 this is a zip file, not a model");
  CHECK_THROWS_WITH(cnnlab::read_model_file(path), Catch::Contains("bad magic"));
  cnnlab::write_model_file(path, sample());
  std::string bytes = read_file(path);
  bytes[8] = 9;
  write_file(path, bytes);
  CHECK_THROWS_WITH(cnnlab::read_model_file(path), Catch::Contains("format version 9"));
  CHECK_THROWS_WITH(cnnlab::read_model_file(dir.file("missing")), Catch::Contains("cannot open"));
}

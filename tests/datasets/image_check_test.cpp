// Image files are checked from their headers before OpenCV decodes them: a small PNG claiming
// more pixels than the limit is refused by name, in the dataset reader and in `predict`.
#include "cnnlab/image_check.hpp"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "cnnlab/host/experiment.hpp"
#include "cnnlab/host/model_file.hpp"
#include "dataset_fixture.hpp"
#include "memory_cap.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;
namespace fs = std::filesystem;

namespace {

void put_chunk(std::string& png, const char* type, const std::string& data) {
  std::string chunk(type, 4);
  chunk += data;
  const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(chunk.data()),
                          static_cast<uInt>(chunk.size()));
  for (uint32_t v : {static_cast<uint32_t>(data.size())})
    for (int shift = 24; shift >= 0; shift -= 8) png += static_cast<char>((v >> shift) & 0xff);
  png += chunk;
  for (int shift = 24; shift >= 0; shift -= 8) png += static_cast<char>((crc >> shift) & 0xff);
}

std::string big_endian(uint32_t v) {
  std::string s;
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xff);
  return s;
}

// A valid black grayscale PNG of side x side pixels, compressed row by row: a few hundred KB
// on disk for what decodes to side^2 bytes (and three times that as OpenCV's BGR).
void write_black_png(const std::string& path, uint32_t side) {
  std::string png = "\x89PNG\r\n\x1a\n";
  put_chunk(png, "IHDR",
            big_endian(side) + big_endian(side) + std::string("\x08\x00\x00\x00\x00", 5));
  z_stream z{};
  REQUIRE(deflateInit(&z, 9) == Z_OK);
  const std::string row(side + 1, '\0');  // filter byte 0, then the pixels
  std::string idat, out(1 << 16, '\0');
  for (uint32_t y = 0; y <= side; ++y) {
    const bool last = y == side;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(row.data()));
    z.avail_in = last ? 0 : static_cast<uInt>(row.size());
    do {
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
      idat.append(out, 0, out.size() - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  put_chunk(png, "IDAT", idat);
  put_chunk(png, "IEND", "");
  write_file(path, png);
}

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
  ~ScopedEnv() { unsetenv(name_); }

 private:
  const char* name_;
};

}  // namespace

TEST_CASE("image sizes are read from PNG, JPEG, BMP, WebP and TIFF headers", "[images]") {
  TempDir dir;
  const cv::Mat image(37, 53, CV_8UC3, cv::Scalar(10, 20, 30));
  for (const std::string ext : {".png", ".jpg", ".bmp", ".webp", ".tif"}) {
    const std::string path = dir.file("image" + ext);
    REQUIRE(cv::imwrite(path, image));
    const auto size = image_header_size(path);
    REQUIRE(size);
    CHECK(size->width == 53);
    CHECK(size->height == 37);
    CHECK(image_decode_refusal(path).empty());
  }
  write_file(dir.file("text.png"), "just text");
  CHECK_FALSE(image_header_size(dir.file("text.png")));
  CHECK(image_decode_refusal(dir.file("text.png")) ==
        "not a PNG, JPEG, BMP, WebP or TIFF file with a readable header");
  CHECK(image_decode_refusal("/dev/zero") == "not a regular file");
  CHECK(image_decode_refusal(dir.file("absent.png")) == "no such file");
}

TEST_CASE("the pixel limit is 100 megapixels unless CNNLAB_MAX_IMAGE_PIXELS says otherwise",
          "[images]") {
  TempDir dir;
  write_black_png(dir.file("big.png"), 10001);
  CHECK(max_image_pixels() == 100'000'000);
  CHECK(image_decode_refusal(dir.file("big.png")) ==
        "10001 x 10001 pixels, more than the limit of 100000000 (set CNNLAB_MAX_IMAGE_PIXELS to "
        "allow more)");
  ScopedEnv env("CNNLAB_MAX_IMAGE_PIXELS", "200000000");
  CHECK(max_image_pixels() == 200'000'000);
  CHECK(image_decode_refusal(dir.file("big.png")).empty());
}

TEST_CASE("image_folder refuses an image over the limit before decoding it", "[images]") {
  TempDir dir;
  fs::create_directories(dir.file("cat"));
  REQUIRE(cv::imwrite(dir.file("cat/small.png"), cv::Mat(4, 4, CV_8UC3, cv::Scalar(1, 2, 3))));
  write_black_png(dir.file("cat/huge.png"), 12000);
  auto dataset = make_dataset(
      "image_folder",
      {{"path", scalar(dir.path())}, {"image_size", scalar("4")}, {"test_split", scalar("0")}});
  StderrCapture stderr_text;
  {
    MemoryCap cap(rlim_t{1} << 30);  // decoding would take 432 MB plus OpenCV's copies
    CHECK(dataset->load_train().size() == 1);
  }
  CHECK(stderr_text.text() == "cnnlab: warning: image_folder: skipped 1 unreadable image in " +
                                  dir.path() + " (train split; first: " + dir.file("cat/huge.png") +
                                  ": 12000 x 12000 pixels, more than the limit of 100000000 (set "
                                  "CNNLAB_MAX_IMAGE_PIXELS to allow more))\n");
}

TEST_CASE("predict refuses an image over the limit and keeps decoder chatter off stderr",
          "[images]") {
  TempDir dir;
  const std::string yaml =
      "name: m\ndataset: {type: idx, path: .}\nmodel:\n  layers:\n"
      "    - {type: flatten}\n    - {type: dense, units: 2, activation: softmax}\n";
  Model model = build_model_from_yaml(yaml, plugin_host(), {4, 4, 1}, "m");
  ModelFile file;
  file.architecture_yaml = yaml;
  file.class_names = {"a", "b"};
  file.input_shape = {4, 4, 1};
  store_weights(model, file);
  write_model_file(dir.file("m.cnnlab"), file);

  write_black_png(dir.file("huge.png"), 12000);
  const auto refused = run_process(
      capped({CNNLAB_EXE, "predict", dir.file("m.cnnlab"), dir.file("huge.png")}, 4000000));
  CHECK(refused.exit_code == 1);
  CHECK(refused.err == "cnnlab: error: " + dir.file("huge.png") +
                           ": cannot read this image: 12000 x 12000 pixels, more than the limit "
                           "of 100000000 (set CNNLAB_MAX_IMAGE_PIXELS to allow more)\n");

  // Junk before the start-of-scan marker: the JPEG decodes, and libjpeg prints "Corrupt JPEG
  // data: 3 extraneous bytes before marker 0xda" straight to file descriptor 2.
  REQUIRE(cv::imwrite(dir.file("junk.jpg"), cv::Mat(64, 64, CV_8UC3, cv::Scalar(90, 30, 200))));
  std::string jpeg = read_file(dir.file("junk.jpg"));
  jpeg.insert(jpeg.find("\xFF\xDA"), "xyz");
  write_file(dir.file("junk.jpg"), jpeg);
  const auto junk = run_cnnlab({"predict", dir.file("m.cnnlab"), dir.file("junk.jpg")});
  CHECK(junk.exit_code == 0);
  CHECK(junk.err.empty());
}

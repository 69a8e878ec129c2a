// Scanning IMAGE_DIR, decoding at the needed size, and the prefetcher.
#include "labeler/image_io.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "cnnlab/error.hpp"
#include "label_images.hpp"
#include "labeler/image_scan.hpp"
#include "labeler/prefetcher.hpp"
#include "test_support.hpp"

using namespace cnnlab::label;
using namespace cnnlab::label::test;
using cnnlab::test::TempDir;
using cnnlab::test::write_file;

TEST_CASE("a scan recurses, sorts, skips what OpenCV cannot read and the dataset folder",
          "[labeler][scan]") {
  TempDir dir;
  write_textured_images(dir.path(), {"b.png", "a.JPG", "sub/c.bmp", "sub/deeper/d.tif", "e.webp"});
  write_file(dir.file("notes.txt"), "not an image");
  write_file(dir.file("fake.png"), "not a png");
  write_file(dir.file("empty.jpg"), "");
  write_textured_images(dir.file("dataset"), {"cat/x.png"});
  const ImageScan scan = scan_images(dir.path(), {dir.file("dataset")});
  CHECK(scan.images ==
        std::vector<std::string>{"a.JPG", "b.png", "e.webp", "sub/c.bmp", "sub/deeper/d.tif"});
  CHECK(scan.unreadable == std::vector<std::string>{"empty.jpg", "fake.png"});
  CHECK(scan_images(dir.path()).images.size() == 6);
  CHECK_THROWS_AS(scan_images(dir.file("missing")), cnnlab::DataError);
  CHECK(has_image_extension("x.JPEG"));
  CHECK_FALSE(has_image_extension("x.gif"));
}

TEST_CASE("fit_size keeps the aspect ratio, scaling up or down", "[labeler][image_io]") {
  CHECK(fit_size({4000, 3000}, {1024, 720}) == cv::Size(960, 720));
  CHECK(fit_size({100, 50}, {400, 400}) == cv::Size(400, 200));
  CHECK(fit_size({300, 900}, {600, 600}) == cv::Size(200, 600));
  CHECK(fit_size({0, 10}, {10, 10}) == cv::Size());
}

TEST_CASE("JPEG sizes come from the header; big JPEGs decode reduced but fitted",
          "[labeler][image_io]") {
  TempDir dir;
  const cv::Mat big = textured_image(2400, 1600, 3);
  cv::imwrite(dir.file("big.jpg"), big);
  write_image(dir.file("big.png"), big);
  CHECK(jpeg_size(dir.file("big.jpg")) == cv::Size(2400, 1600));
  CHECK_FALSE(jpeg_size(dir.file("big.png")));
  write_file(dir.file("truncated.jpg"), std::string("\xFF\xD8\xFF\xE0\x00", 5));
  CHECK_FALSE(jpeg_size(dir.file("truncated.jpg")));

  const cv::Mat fitted = load_fitted(dir.file("big.jpg"), {600, 600});
  CHECK(fitted.size() == cv::Size(600, 400));
  CHECK(fitted.type() == CV_8UC3);
  CHECK(load_fitted(dir.file("big.png"), {300, 900}).size() == cv::Size(300, 200));
  CHECK(load_fitted(dir.file("truncated.jpg"), {100, 100}).empty());

  const cv::Mat gray = load_gray_within(dir.file("big.jpg"), 512);
  CHECK(gray.size() == cv::Size(512, 341));
  CHECK(gray.channels() == 1);
  CHECK(load_gray_within(dir.file("big.jpg"), 5000).size() ==
        cv::Size(2400, 1600));  // never enlarged
}

TEST_CASE("the prefetcher serves what load_fitted would, from its cache when scheduled",
          "[labeler][prefetch]") {
  TempDir dir;
  write_textured_images(dir.path(), {"a.png", "b.png", "c.png"}, 640, 480);
  const cv::Size box(320, 320);
  Prefetcher prefetcher(4);
  bool ready = true;
  const cv::Mat a = prefetcher.get(dir.file("a.png"), box, &ready);
  CHECK_FALSE(ready);  // nobody asked for it before: decoded on the spot
  CHECK(cv::norm(a, load_fitted(dir.file("a.png"), box), cv::NORM_INF) == 0);

  prefetcher.schedule({dir.file("b.png"), dir.file("c.png")}, box);
  const cv::Mat c = prefetcher.get(dir.file("c.png"), box, &ready);  // may wait for the worker
  CHECK(cv::norm(c, load_fitted(dir.file("c.png"), box), cv::NORM_INF) == 0);
  prefetcher.get(dir.file("a.png"), box, &ready);
  CHECK(ready);                                                                      // still cached
  CHECK(prefetcher.get(dir.file("a.png"), {100, 100}).size() == cv::Size(100, 75));  // another size
  CHECK(prefetcher.get(dir.file("missing.png"), box).empty());
}

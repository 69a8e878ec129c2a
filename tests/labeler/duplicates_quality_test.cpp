// Duplicate detection (sha256, dHash) and the quality report's thresholds.
#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "label_images.hpp"
#include "labeler/duplicates.hpp"
#include "labeler/fingerprint.hpp"
#include "labeler/fingerprint_index.hpp"
#include "labeler/quality_report.hpp"
#include "labeler/sha256.hpp"
#include "test_support.hpp"

using namespace cnnlab::label;
using namespace cnnlab::label::test;
using cnnlab::test::TempDir;
using cnnlab::test::write_file;

TEST_CASE("sha256 matches the standard test vectors", "[labeler][sha256]") {
  CHECK(sha256_hex("", 0) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc", 3) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  TempDir dir;
  write_file(dir.file("abc"), "abc");
  CHECK(sha256_file(dir.file("abc")) == sha256_hex("abc", 3));
  CHECK_THROWS(sha256_file(dir.file("missing")));
}

TEST_CASE("exact and near duplicates are found, distinct images are not", "[labeler][duplicates]") {
  TempDir dir;
  const cv::Mat original = textured_image(320, 240, 11);
  write_image(dir.file("a.png"), original);
  write_image(dir.file("b.png"), textured_image(320, 240, 12));
  write_image(dir.file("c.png"), textured_image(320, 240, 13));
  write_file(dir.file("a_copy.png"), cnnlab::test::read_file(dir.file("a.png")));
  cv::Mat smaller;
  cv::resize(original, smaller, {200, 150}, 0, 0, cv::INTER_AREA);
  cv::imwrite(dir.file("a_small.jpg"), smaller, {cv::IMWRITE_JPEG_QUALITY, 70});

  const std::vector<std::string> files{dir.file("a.png"), dir.file("b.png"), dir.file("c.png"),
                                       dir.file("a_copy.png"), dir.file("a_small.jpg")};
  const auto prints = fingerprint_all(files);
  for (const auto& p : prints) CHECK(p.decoded);
  const Duplicates d = find_duplicates(prints, kDefaultNearDistance);
  REQUIRE(d.exact.size() == 1);
  CHECK(d.exact[0] == std::vector<size_t>{0, 3});
  REQUIRE(d.near.size() == 2);  // the resized JPEG looks like both identical PNGs
  CHECK(d.near[0].a == 0);
  CHECK(d.near[0].b == 4);
  CHECK(d.near[1].a == 3);
  CHECK(d.near[1].b == 4);
  CHECK(hamming_distance(prints[1].dhash, prints[2].dhash) > 12);  // unrelated pictures

  const auto flags = duplicate_flags(d, files.size());
  CHECK(flags == std::vector<DuplicateFlag>{DuplicateFlag::Exact, DuplicateFlag::None,
                                            DuplicateFlag::None, DuplicateFlag::Exact,
                                            DuplicateFlag::Near});
  CHECK(find_duplicates(prints, 0).near.empty());
}

TEST_CASE("the difference hash is one bit per adjacent pair", "[labeler][duplicates]") {
  cv::Mat ramp(8, 9, CV_8UC1);
  for (int x = 0; x < 9; ++x) ramp.col(x).setTo(x * 20);  // brighter to the right: all zeros
  CHECK(difference_hash(ramp) == 0);
  cv::Mat flipped;
  cv::flip(ramp, flipped, 1);
  CHECK(difference_hash(flipped) == ~0ull);
  CHECK(hamming_distance(0, ~0ull) == 64);
}

TEST_CASE("the quality report flags dark, bright and blurry images and counts classes",
          "[labeler][quality]") {
  TempDir dir;
  const cv::Mat sharp = textured_image(400, 300, 21);
  write_image(dir.file("sharp.png"), sharp);
  write_image(dir.file("dark.png"), flat_image(400, 300, 12));
  write_image(dir.file("bright.png"), flat_image(400, 300, 245));
  write_image(dir.file("blurry.png"), blurred(sharp, 6));
  write_file(dir.file("broken.png"), "not an image");
  std::vector<ReportItem> items{{"sharp.png", "cat", dir.file("sharp.png")},
                                {"dark.png", "cat", dir.file("dark.png")},
                                {"bright.png", "dog", dir.file("bright.png")},
                                {"blurry.png", "dog", dir.file("blurry.png")},
                                {"broken.png", "dog", dir.file("broken.png")}};
  std::vector<std::string> files;
  for (const auto& i : items) files.push_back(i.file);
  const auto prints = fingerprint_all(files);
  CHECK(prints[0].sharpness > 100);
  CHECK(prints[3].sharpness < 100);
  CHECK_FALSE(prints[4].decoded);

  const QualityReport r =
      assess_quality(items, prints, {"cat", "dog", "bird"}, QualityThresholds{});
  CHECK(r.per_class == std::vector<int>{2, 3, 0});
  CHECK(r.dark == std::vector<size_t>{1});
  CHECK(r.bright == std::vector<size_t>{2});
  // The flat frames have no edges at all, so they count as blurry too.
  CHECK(r.blurry == std::vector<size_t>{1, 2, 3});
  CHECK(r.unreadable == std::vector<size_t>{4});

  QualityThresholds strict;
  strict.dark_below = 5;
  strict.blurry_below = 0;
  const QualityReport relaxed = assess_quality(items, prints, {"cat", "dog", "bird"}, strict);
  CHECK(relaxed.dark.empty());
  CHECK(relaxed.blurry.empty());

  const std::string text = format_quality_report(r);
  CHECK(text.find("  bird   0  (none yet)") != std::string::npos);
  CHECK(text.find("very dark (mean gray < 40): 1\n  dark.png [cat]") != std::string::npos);
  CHECK(text.find("very bright (mean gray > 215): 1\n  bright.png [dog]") != std::string::npos);
  CHECK(text.find("blurry (Laplacian variance < 100): 3") != std::string::npos);
  CHECK(text.find("unreadable: 1") != std::string::npos);
}

TEST_CASE("the background fingerprint index fills in what is asked", "[labeler][duplicates]") {
  TempDir dir;
  write_textured_images(dir.path(), {"a.png", "b.png"});
  FingerprintIndex index;
  CHECK_FALSE(index.get(dir.file("a.png")));
  index.request({dir.file("a.png"), dir.file("b.png"), dir.file("a.png")});
  index.wait_until_done();
  CHECK(index.pending() == 0);
  CHECK(index.version() == 2);
  REQUIRE(index.get(dir.file("a.png")));
  CHECK(index.get(dir.file("a.png"))->sha256 == sha256_file(dir.file("a.png")));
  index.request({dir.file("a.png")});  // known: not computed again
  index.wait_until_done();
  CHECK(index.version() == 2);
}

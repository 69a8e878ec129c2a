// Export keeps DATASET_DIR/<class>/<image>, manifest.csv and split.csv in step with the labels.
#include "labeler/export.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "cnnlab/error.hpp"
#include "label_images.hpp"
#include "labeler/manifest.hpp"
#include "labeler/sha256.hpp"
#include "labeler/target_names.hpp"
#include "test_support.hpp"

using namespace cnnlab::label;
using namespace cnnlab::label::test;
using cnnlab::test::read_file;
using cnnlab::test::TempDir;
using cnnlab::test::write_file;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kClasses{"cat", "dog"};

struct Fixture {
  TempDir dir;
  std::string photos = dir.file("photos");
  DatasetLayout layout{dir.file("dataset")};
  LabelBook book{kClasses};
  Fixture() { write_textured_images(photos, {"a.png", "b.png", "c.jpg", "sub/d.png", "e.png"}); }
  void label(const std::string& image, const std::string& cls) {
    book.apply({ActionKind::Label, image, cls, 0});
  }
  void undo() { book.apply({ActionKind::Undo, "", "", 0}); }
  ExportResult run(const ExportSettings& settings = {}) {
    return export_dataset(layout, photos, kClasses, labelled_images(book), settings);
  }
  bool has(const std::string& relative) const { return fs::exists(layout.file(relative)); }
};

ino_t inode(const std::string& path) {
  struct stat st {};
  stat(path.c_str(), &st);
  return st.st_ino;
}

}  // namespace

TEST_CASE("the first export copies the labelled images and writes manifest and split",
          "[labeler][export]") {
  Fixture f;
  f.label("a.png", "cat");
  f.label("b.png", "dog");
  f.label("sub/d.png", "cat");
  f.book.apply({ActionKind::Skip, "c.jpg", "", 0});
  f.book.apply({ActionKind::Reject, "e.png", "", 0});
  const ExportResult r = f.run();
  CHECK(r.exported == 3);
  CHECK(r.added == 3);
  CHECK(r.warnings.empty());
  CHECK(f.has("cat/a.png"));
  CHECK(f.has("cat/sub__d.png"));
  CHECK(f.has("dog/b.png"));
  CHECK_FALSE(f.has("cat/c.jpg"));
  CHECK_FALSE(f.has("cat/e.png"));
  CHECK(read_file(f.layout.file("cat/a.png")) == read_file(f.photos + "/a.png"));

  const auto rows = read_manifest(f.layout.manifest());
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].path == "cat/a.png");
  CHECK(rows[0].class_name == "cat");
  CHECK(rows[0].source == f.photos + "/a.png");
  CHECK(rows[0].sha256 == sha256_file(f.photos + "/a.png"));
  CHECK(rows[1].path == "cat/sub__d.png");
  CHECK(rows[2].path == "dog/b.png");
  CHECK(read_file(f.layout.manifest()).rfind("path,class,source,sha256\n", 0) == 0);

  const auto split = read_split(f.layout.split());
  REQUIRE(split.size() == 3);
  CHECK(read_file(f.layout.split()).rfind("path,split\n", 0) == 0);
  CHECK(split[0].path == "cat/a.png");
  CHECK(r.train + r.test == 3);
  CHECK(r.summary(f.layout.root()).find("exported 3 image(s)") == 0);
}

TEST_CASE("a relabel moves the file, an undo or reject removes it", "[labeler][export]") {
  Fixture f;
  f.label("a.png", "cat");
  f.label("b.png", "cat");
  f.run();
  const ino_t before = inode(f.layout.file("cat/a.png"));

  f.label("a.png", "dog");
  ExportResult r = f.run();
  CHECK(r.moved == 1);
  CHECK(r.unchanged == 1);
  CHECK_FALSE(f.has("cat/a.png"));
  CHECK(f.has("dog/a.png"));
  CHECK(inode(f.layout.file("dog/a.png")) == before);  // renamed, not copied again

  f.undo();  // a back to cat
  r = f.run();
  CHECK(r.moved == 1);
  CHECK(f.has("cat/a.png"));
  CHECK_FALSE(fs::exists(f.layout.file("dog")));  // an emptied class folder goes away

  f.undo();  // b unlabelled
  r = f.run();
  CHECK(r.removed == 1);
  CHECK_FALSE(f.has("cat/b.png"));

  f.book.apply({ActionKind::Reject, "a.png", "", 0});
  r = f.run();
  CHECK(r.removed == 1);
  CHECK(r.exported == 0);
  CHECK(read_manifest(f.layout.manifest()).empty());
  CHECK(read_file(f.layout.split()) == "path,split\n");
}

TEST_CASE("an unchanged export touches nothing, a changed source is copied again",
          "[labeler][export]") {
  Fixture f;
  f.label("a.png", "cat");
  f.run();
  ExportResult r = f.run();
  CHECK(r.unchanged == 1);
  CHECK(r.added + r.moved + r.rewritten + r.removed == 0);

  write_image(f.photos + "/a.png", textured_image(50, 50, 99));  // the user edited the photo
  r = f.run();
  CHECK(r.rewritten == 1);
  CHECK(read_file(f.layout.file("cat/a.png")) == read_file(f.photos + "/a.png"));

  fs::remove(f.layout.file("cat/a.png"));  // deleted by hand: restored
  r = f.run();
  CHECK(r.added == 1);
  CHECK(f.has("cat/a.png"));
}

TEST_CASE("export sizes and grayscale transform the exported pixels", "[labeler][export]") {
  Fixture f;
  f.label("a.png", "cat");
  f.label("c.jpg", "dog");
  ExportSettings s;
  s.width = 32;
  s.height = 24;
  s.grayscale = true;
  ExportResult r = f.run(s);
  CHECK(r.added == 2);
  const cv::Mat a = cv::imread(f.layout.file("cat/a.png"), cv::IMREAD_UNCHANGED);
  CHECK(a.cols == 32);
  CHECK(a.rows == 24);
  CHECK(a.channels() == 1);
  const cv::Mat c = cv::imread(f.layout.file("dog/c.jpg"), cv::IMREAD_UNCHANGED);
  CHECK(c.size() == cv::Size(32, 24));
  CHECK(read_export_settings(f.layout.settings())->same_pixels(s));

  r = f.run(s);
  CHECK(r.unchanged == 2);

  s.grayscale = false;  // other pixels: everything is written again
  r = f.run(s);
  CHECK(r.rewritten == 2);
  CHECK(cv::imread(f.layout.file("cat/a.png"), cv::IMREAD_UNCHANGED).channels() == 3);
}

TEST_CASE("files the labeler did not write are left alone, with a warning", "[labeler][export]") {
  Fixture f;
  f.label("a.png", "cat");
  f.run();
  write_file(f.layout.file("cat/mine.txt"), "keep me");
  write_file(f.layout.file("cat/.cnnlab-partial-a.png"), "a crash left this");
  f.undo();
  const ExportResult r = f.run();
  CHECK(r.removed == 1);
  CHECK(read_file(f.layout.file("cat/mine.txt")) == "keep me");
  CHECK_FALSE(f.has("cat/.cnnlab-partial-a.png"));
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].find("cat/mine.txt") != std::string::npos);
}

TEST_CASE("labelled images missing from IMAGE_DIR are reported, not fatal", "[labeler][export]") {
  Fixture f;
  f.label("a.png", "cat");
  f.label("gone.png", "cat");
  const ExportResult r = f.run();
  CHECK(r.exported == 1);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].find("gone.png") != std::string::npos);
}

TEST_CASE("names stay flat, safe and unique inside a class folder", "[labeler][export]") {
  CHECK(flat_name("a.png") == "a.png");
  CHECK(flat_name("2024/trip/img 1.JPG") == "2024__trip__img_1.JPG");
  CHECK(flat_name("a,b\"c.png") == "a_b_c.png");
  CHECK(flat_name(".hidden.png") == "_hidden.png");
  CHECK(flat_name("x/y.tif", ".png") == "x__y.png");
  const auto names =
      unique_names({{"a/b.png", "a__b.png"}, {"a__b.png", "a__b.png"}, {"c.png", "c.png"}});
  CHECK(names.at("a/b.png") == "a__b.png");
  CHECK(names.at("a__b.png").rfind("a__b~", 0) == 0);
  CHECK(names.at("a__b.png").size() == std::string("a__b~12345678.png").size());
  CHECK(names.at("c.png") == "c.png");

  Fixture f;
  write_textured_images(f.photos, {"x/y.png", "x__y.png"});
  f.label("x/y.png", "cat");
  f.label("x__y.png", "cat");
  CHECK(f.run().exported == 2);
  CHECK(read_manifest(f.layout.manifest()).size() == 2);
}

TEST_CASE("a photo removed from IMAGE_DIR keeps its exported copy, relabels still move it",
          "[labeler][export]") {
  Fixture f;
  f.label("a.png", "cat");
  f.label("b.png", "cat");
  f.run();
  const std::string copy = read_file(f.layout.file("cat/a.png"));
  fs::remove(f.photos + "/a.png");
  ExportResult r = f.run();
  CHECK(r.unchanged == 2);
  CHECK(r.removed == 0);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].find("(a.png) are no longer in") != std::string::npos);
  CHECK(r.warnings[0].find("copies are kept") != std::string::npos);

  f.label("a.png", "dog");
  r = f.run();
  CHECK(r.moved == 1);
  CHECK(read_file(f.layout.file("dog/a.png")) == copy);
  ExportSettings gray;
  gray.grayscale = true;
  r = f.run(gray);  // other pixels: b is converted, the orphaned copy is kept as it is
  CHECK(r.rewritten == 1);
  CHECK(r.unchanged == 1);
  CHECK(read_manifest(f.layout.manifest()).size() == 2);

  f.book.apply({ActionKind::Reject, "a.png", "", 0});
  r = f.run(gray);
  CHECK(r.removed == 1);
  CHECK_FALSE(f.has("dog/a.png"));
}

TEST_CASE("without its image folder nothing is exported", "[labeler][export]") {
  Fixture f;
  f.label("a.png", "cat");
  f.run();
  fs::rename(f.photos, f.dir.file("elsewhere"));
  CHECK_THROWS_WITH(f.run(),
                    Catch::Contains("is not there") && Catch::Contains("nothing exported"));
  CHECK(f.has("cat/a.png"));
}

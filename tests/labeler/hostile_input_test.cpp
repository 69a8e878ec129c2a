// Damaged or crafted files in a dataset (journal, manifest, classes file, images) through the
// real cnnlab-label: one error line, and nothing written or deleted outside DATASET_DIR.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>

#include "cnnlab/image_check.hpp"
#include "label_images.hpp"
#include "labeler/manifest.hpp"
#include "test_support.hpp"

using namespace cnnlab::label::test;
using cnnlab::test::read_file;
using cnnlab::test::TempDir;
using cnnlab::test::write_file;
namespace fs = std::filesystem;

namespace {

// A dataset labelled and exported (cat: img1, img3; dog: img2) and a file beside it, outside
// DATASET_DIR, that nothing may touch.
struct Labelled {
  TempDir dir;
  std::string photos = dir.file("photos");
  std::string dataset = dir.file("dataset");
  std::string journal = dataset + "/labels.journal";
  std::string sentinel = dir.file("sentinel.png");
  Labelled() {
    write_textured_images(photos, {"img1.png", "img2.png", "img3.png"});
    write_file(sentinel, "not to be touched");
    const LabelRun r = run({photos, "--out", dataset, "--classes", "cat,dog", "--headless",
                            "--script", write_script(dir.path(), {"1", "2", "1", "q"})});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(fs::exists(dataset + "/cat/img1.png"));
  }
  static LabelRun run(const std::vector<std::string>& args) { return run_label(args); }
  LabelRun resume() const {
    return run_label(
        {"--out", dataset, "--headless", "--script", write_script(dir.path(), {"2", "q"})});
  }
  LabelRun export_again() const { return run_label({"export", dataset}); }
};

void require_one_error_line(const LabelRun& r, int exit_code, const std::string& needle) {
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == exit_code);
  CHECK(r.err.rfind("cnnlab-label: error: ", 0) == 0);
  CHECK(r.err.find('\n') == r.err.size() - 1);
  CHECK(r.err.find(needle) != std::string::npos);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a journal whose classes line says '..' never makes export delete outside the dataset",
          "[labeler][hostile]") {
  Labelled d;
  write_file(d.journal, replaced(read_file(d.journal), "classes\tcat\tdog\n",
                                 "classes\tcat\tdog\nclasses\tcat\tdog\t..\n"));
  write_file(d.dataset + "/manifest.csv",
             read_file(d.dataset + "/manifest.csv") + "../sentinel.png,..,/x.png,00\n");
  const std::string journal_before = read_file(d.journal);

  require_one_error_line(d.export_again(), 1, d.journal + ":3: class name '..' starts with '.'");
  require_one_error_line(d.resume(), 1, d.journal + ":3: class name '..'");
  CHECK(read_file(d.sentinel) == "not to be touched");
  CHECK(read_file(d.journal) == journal_before);
  CHECK(fs::exists(d.dataset + "/cat/img1.png"));
}

TEST_CASE("journal image paths that leave the image folder are refused", "[labeler][hostile]") {
  Labelled d;
  write_file(d.journal, read_file(d.journal) + "label\t../sentinel.png\tcat\n");
  require_one_error_line(d.export_again(), 1, "image path '../sentinel.png' has an empty");
}

TEST_CASE("a manifest row outside the class folders stops the export before anything changes",
          "[labeler][hostile]") {
  Labelled d;
  for (const std::string row : {"../sentinel.png,cat,/x.png,00", "/tmp/x.png,cat,/x.png,00",
                                "cat/../../sentinel.png,cat,/x.png,00"}) {
    write_file(d.dataset + "/manifest.csv", "path,class,source,sha256\ncat/img1.png,cat," +
                                                d.photos + "/img1.png,00\n" + row + "\n");
    require_one_error_line(d.export_again(), 1, d.dataset + "/manifest.csv:3: path '");
    CHECK(read_file(d.sentinel) == "not to be touched");
    CHECK(fs::exists(d.dataset + "/cat/img1.png"));
  }
  write_file(d.dataset + "/split.csv", "path,split\n../sentinel.png,train\n");
  CHECK_THROWS_WITH(cnnlab::label::read_split(d.dataset + "/split.csv"),
                    Catch::Contains("split.csv:2: path '../sentinel.png'"));
}

TEST_CASE("a journal that does not parse is never cut or rewritten", "[labeler][hostile]") {
  Labelled d;
  const std::string intact = read_file(d.journal);
  std::string cr_only = intact;
  std::replace(cr_only.begin(), cr_only.end(), '\n', '\r');
  const std::string nul_block =
      replaced(intact, "source\t" + d.photos, "source\t" + d.photos + std::string(512, '\0'));
  const std::string nul_tail = intact + std::string(4096, '\0');
  for (const auto& [damaged, line] :
       {std::pair{cr_only, 1}, std::pair{nul_block, 3}, std::pair{nul_tail, 7}}) {
    write_file(d.journal, damaged);
    const std::string where = d.journal + ":" + std::to_string(line) + ": damaged";
    require_one_error_line(d.resume(), 1, where);
    require_one_error_line(d.export_again(), 1, where);
    CHECK(read_file(d.journal) == damaged);
    CHECK(fs::exists(d.dataset + "/cat/img1.png"));
    CHECK(fs::exists(d.dataset + "/dog/img2.png"));
  }
}

TEST_CASE("a labels.journal that is a symlink is refused, its target untouched",
          "[labeler][hostile]") {
  Labelled d;
  fs::rename(d.journal, d.dir.file("elsewhere.journal"));
  fs::create_symlink(d.dir.file("elsewhere.journal"), d.journal);
  const std::string before = read_file(d.dir.file("elsewhere.journal"));
  require_one_error_line(d.resume(), 1, d.journal + "' is a symbolic link");
  require_one_error_line(d.export_again(), 1, "is a symbolic link");
  CHECK(read_file(d.dir.file("elsewhere.journal")) == before);
}

TEST_CASE("a classes file that is a device or huge is refused without reading it",
          "[labeler][hostile]") {
  TempDir dir;
  write_textured_images(dir.file("photos"), {"a.png"});
  const auto classes_from = [&](const std::string& file) {
    return run_label({dir.file("photos"), "--out", dir.file("ds"), "--classes-file", file,
                      "--headless", "--script", write_script(dir.path(), {"q"})});
  };
  require_one_error_line(classes_from("/dev/zero"), 2, "'/dev/zero' is not a regular file");
  write_file(dir.file("big.txt"), std::string(1 << 20, 'a'));
  require_one_error_line(classes_from(dir.file("big.txt")), 2, "1048576 bytes");
}

namespace {

void put_u32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}

void put_chunk(std::string& out, const std::string& type, const std::string& data) {
  put_u32(out, static_cast<uint32_t>(data.size()));
  const std::string body = type + data;
  out += body;
  put_u32(out, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()),
                                           static_cast<uInt>(body.size()))));
}

// A valid grayscale PNG of width x height black pixels: about 1 KB per megapixel on disk.
std::string black_png(uint32_t width, uint32_t height) {
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string ihdr;
  put_u32(ihdr, width);
  put_u32(ihdr, height);
  ihdr += std::string("\x08\x00\x00\x00\x00", 5);  // 8-bit gray, no interlace
  put_chunk(png, "IHDR", ihdr);
  z_stream z{};
  REQUIRE(deflateInit(&z, Z_DEFAULT_COMPRESSION) == Z_OK);
  const std::string row(width + 1, '\0');  // filter byte + pixels
  std::string idat(1 << 16, '\0'), compressed;
  for (uint32_t y = 0; y < height; ++y) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(row.data()));
    z.avail_in = static_cast<uInt>(row.size());
    const int flush = y + 1 == height ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = reinterpret_cast<Bytef*>(idat.data());
      z.avail_out = static_cast<uInt>(idat.size());
      deflate(&z, flush);
      compressed.append(idat.data(), idat.size() - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  put_chunk(png, "IDAT", compressed);
  put_chunk(png, "IEND", "");
  return png;
}

}  // namespace

TEST_CASE("an image whose header claims too many pixels is refused before decoding",
          "[labeler][hostile]") {
  TempDir dir;
  write_textured_images(dir.file("ds/cls"), {"a.png"});
  // 20000 x 20000 = 400 megapixels in 0.4 MB; decoded, it would take 400 MB.
  write_file(dir.file("ds/cls/huge.png"), black_png(20000, 20000));
  const auto size = cnnlab::image_header_size(dir.file("ds/cls/huge.png"));
  REQUIRE(size);
  CHECK(size->width == 20000);
  CHECK(size->height == 20000);
  CHECK_FALSE(cnnlab::image_decode_refusal(dir.file("ds/cls/huge.png")).empty());
  CHECK(cnnlab::image_decode_refusal(dir.file("ds/cls/a.png")).empty());

  // The report of a folder of class folders decodes every image: its peak memory shows whether the
  // big one was decoded.
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::freopen("/dev/null", "w", stdout);
    const std::string exe = CNNLAB_LABEL_EXE, folder = dir.file("ds");
    ::execl(exe.c_str(), exe.c_str(), "report", folder.c_str(), nullptr);
    _exit(127);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  rusage usage{};
  REQUIRE(::getrusage(RUSAGE_CHILDREN, &usage) == 0);
  CHECK(WIFEXITED(status));
  CHECK(usage.ru_maxrss < 250 * 1024);  // KiB
}

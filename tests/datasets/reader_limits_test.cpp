// Headers that claim far more than their file holds: refused before the claim is allocated.
// Each load runs under a MemoryCap of a few hundred MB, so allocating the claim (4 GiB and
// more) would fail the test with std::bad_alloc instead of the expected DataError.
#include <catch2/catch.hpp>
#include <filesystem>

#include "cnnlab/error.hpp"
#include "dataset_fixture.hpp"
#include "memory_cap.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

constexpr rlim_t kHeadroom = rlim_t{256} << 20;

// An 8-byte IDX label header claiming `count` labels, followed by `present` of them.
std::vector<uint8_t> labels_claiming(uint32_t count, size_t present) {
  std::vector<uint8_t> bytes = {0,
                                0,
                                8,
                                1,
                                static_cast<uint8_t>(count >> 24),
                                static_cast<uint8_t>(count >> 16),
                                static_cast<uint8_t>(count >> 8),
                                static_cast<uint8_t>(count)};
  bytes.resize(bytes.size() + present, 1);
  return bytes;
}

void write_small_idx(const std::string& dir, bool gzip) {
  const std::string ext = gzip ? ".gz" : "";
  for (const std::string split : {"train", "t10k"}) {
    write_bytes(dir + "/" + split + "-images-idx3-ubyte" + ext,
                idx_images(2, 2, 2, 1, std::vector<uint8_t>(8, 7)), gzip);
    write_bytes(dir + "/" + split + "-labels-idx1-ubyte" + ext, idx_labels({0, 1}), gzip);
  }
}

std::string info_error(Dataset& dataset) {
  MemoryCap cap(kHeadroom);
  try {
    dataset.info();
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

std::string load_error(Dataset& dataset) {
  MemoryCap cap(kHeadroom);
  try {
    dataset.load_train();
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("an IDX label header claiming 2^32-1 labels allocates nothing", "[idx][limits]") {
  for (const bool gzip : {false, true}) {
    TempDir dir;
    write_small_idx(dir.path(), gzip);
    const std::string path = dir.file("train-labels-idx1-ubyte") + (gzip ? ".gz" : "");
    write_bytes(path, labels_claiming(0xffffffffu, 10), gzip);
    auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
    CHECK(info_error(*dataset) == path + " is truncated: expected 4294967303 bytes, file has 18" +
                                      (gzip ? " after decompression" : ""));
  }
}

TEST_CASE("an IDX image header claiming more images than are there allocates nothing",
          "[idx][limits]") {
  for (const bool gzip : {false, true}) {
    TempDir dir;
    write_small_idx(dir.path(), gzip);
    // 2 labels, and an image header agreeing on the count but claiming 8192 x 8192 x 4 images:
    // 512 MiB, twice the cap's headroom.
    const std::vector<uint8_t> header = {0,  0, 8, 4, 0,  0, 0, 2, 0, 0,
                                         32, 0, 0, 0, 32, 0, 0, 0, 0, 4};
    const std::string path = dir.file("train-images-idx3-ubyte") + (gzip ? ".gz" : "");
    write_bytes(path, header, gzip);
    // The test split holds other sizes: point both splits at the same files.
    auto same = make_dataset("idx", {{"path", scalar(dir.path())},
                                     {"test_images", scalar("train-images-idx3-ubyte")},
                                     {"test_labels", scalar("train-labels-idx1-ubyte")}});
    CHECK(load_error(*same) == path + " is truncated: expected 536870932 bytes, file has 20" +
                                   (gzip ? " after decompression" : ""));
  }
}

TEST_CASE("IDX image sides above 8192 are implausible", "[idx][limits]") {
  TempDir dir;
  write_small_idx(dir.path(), false);
  write_bytes(dir.file("train-images-idx3-ubyte"),
              {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 32, 1, 0, 0, 0, 1});
  auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
  CHECK_THAT(info_error(*dataset),
             Catch::Contains("implausible header: images of 8193x1 (at most 8192x8192x4)"));
}

TEST_CASE("a gzip bomb under an honest-looking header is read as it streams", "[idx][limits]") {
  TempDir dir;
  write_small_idx(dir.path(), true);
  // 64 MiB of zeros compress to ~64 KiB; the header claims 2 labels.
  std::vector<uint8_t> bomb = idx_labels({0, 1});
  bomb.resize(bomb.size() + (size_t{64} << 20));
  const std::string path = dir.file("train-labels-idx1-ubyte.gz");
  write_bytes(path, bomb, true);
  auto dataset = make_dataset("idx", {{"path", scalar(dir.path())}});
  CHECK(info_error(*dataset) == path +
                                    " is longer than its header says: expected 10 bytes, file "
                                    "has 67108874 after decompression");
}

TEST_CASE("cifar10's batches.meta.txt must be a small regular file", "[cifar10][limits]") {
  TempDir dir;
  std::filesystem::create_symlink("/dev/zero", dir.file("batches.meta.txt"));
  auto dataset = make_dataset("cifar10", {{"path", scalar(dir.path())}});
  CHECK(info_error(*dataset) == dir.file("batches.meta.txt") + ": not a regular file");
  std::filesystem::remove(dir.file("batches.meta.txt"));
  write_file(dir.file("batches.meta.txt"), std::string((size_t{1} << 20) + 1, 'a'));
  CHECK(info_error(*dataset) == dir.file("batches.meta.txt") +
                                    ": 1048577 bytes, more than the 1048576 a list of class names "
                                    "may have");
}

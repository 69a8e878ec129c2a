#include "cnnlab/image_check.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace cnnlab {

namespace {

constexpr int64_t kDefaultMaxPixels = 100'000'000;

// Reads unsigned integers of 1-4 bytes at any offset of a file, in either byte order.
class HeaderFile {
 public:
  explicit HeaderFile(const std::string& path) : in_(path, std::ios::binary) {}
  std::optional<uint32_t> get(uint64_t offset, int bytes, bool little) {
    std::array<unsigned char, 4> b{};
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(offset));
    if (!in_.read(reinterpret_cast<char*>(b.data()), bytes)) return std::nullopt;
    uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | b[little ? bytes - 1 - i : i];
    return v;
  }
  bool has(uint64_t offset, const char* text, size_t n) {
    std::string got(n, '\0');
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(offset));
    return in_.read(got.data(), static_cast<std::streamsize>(n)) && got.compare(0, n, text, n) == 0;
  }

 private:
  std::ifstream in_;
};

std::optional<ImageSize> positive(std::optional<uint32_t> width, std::optional<uint32_t> height) {
  if (!width || !height || *width == 0 || *height == 0) return std::nullopt;
  return ImageSize{*width, *height};
}

std::optional<ImageSize> png_size(HeaderFile& f) {
  if (!f.has(12, "IHDR", 4)) return std::nullopt;
  return positive(f.get(16, 4, false), f.get(20, 4, false));
}

// Walks the segments up to the first start-of-frame marker, which holds the size.
std::optional<ImageSize> jpeg_size(HeaderFile& f) {
  uint64_t at = 2;
  for (int segments = 0; segments < 1000; ++segments) {
    const auto ff = f.get(at, 1, false);
    if (!ff || *ff != 0xFF) return std::nullopt;
    auto marker = f.get(at + 1, 1, false);
    while (marker && *marker == 0xFF) marker = f.get(++at + 1, 1, false);  // fill bytes
    if (!marker || *marker == 0xD9 || *marker == 0xDA) return std::nullopt;
    at += 2;
    if (*marker == 0x01 || (*marker >= 0xD0 && *marker <= 0xD7)) continue;  // no length
    const auto length = f.get(at, 2, false);
    if (!length || *length < 2) return std::nullopt;
    const bool frame =
        *marker >= 0xC0 && *marker <= 0xCF && *marker != 0xC4 && *marker != 0xC8 && *marker != 0xCC;
    if (frame) return positive(f.get(at + 5, 2, false), f.get(at + 3, 2, false));
    at += *length;
  }
  return std::nullopt;
}

std::optional<ImageSize> bmp_size(HeaderFile& f) {
  const auto width = f.get(18, 4, true), height = f.get(22, 4, true);
  if (!height) return std::nullopt;
  // The height is signed: negative for top-down bitmaps.
  const auto signed_height = static_cast<int32_t>(*height);
  const auto rows =
      static_cast<uint32_t>(signed_height < 0 ? -int64_t{signed_height} : signed_height);
  return positive(width, rows);
}

std::optional<ImageSize> webp_size(HeaderFile& f) {
  if (!f.has(8, "WEBP", 4)) return std::nullopt;
  const auto plus_one = [](std::optional<uint32_t> v) {
    return v ? std::optional<uint32_t>(*v + 1) : std::nullopt;
  };
  if (f.has(12, "VP8X", 4))
    return positive(plus_one(f.get(24, 3, true)), plus_one(f.get(27, 3, true)));
  if (f.has(12, "VP8L", 4)) {
    const auto bits = f.get(21, 4, true);
    if (!bits) return std::nullopt;
    return positive((*bits & 0x3FFF) + 1, ((*bits >> 14) & 0x3FFF) + 1);
  }
  if (f.has(12, "VP8 ", 4)) {
    const auto width = f.get(26, 2, true), height = f.get(28, 2, true);
    if (!width || !height) return std::nullopt;
    return positive(*width & 0x3FFF, *height & 0x3FFF);
  }
  return std::nullopt;
}

// Classic TIFF: ImageWidth (tag 256) and ImageLength (257) in the first directory.
std::optional<ImageSize> tiff_size(HeaderFile& f, bool little) {
  const auto directory = f.get(4, 4, little);
  const auto count = directory ? f.get(*directory, 2, little) : std::nullopt;
  if (!count) return std::nullopt;
  std::optional<uint32_t> width, height;
  for (uint32_t i = 0; i < *count; ++i) {
    const uint64_t entry = uint64_t{*directory} + 2 + 12 * uint64_t{i};
    const auto tag = f.get(entry, 2, little), type = f.get(entry + 2, 2, little);
    if (!tag || !type) return std::nullopt;
    if (*tag != 256 && *tag != 257) continue;
    const auto value = f.get(entry + 8, *type == 3 ? 2 : 4, little);  // SHORT or LONG
    (*tag == 256 ? width : height) = value;
  }
  return positive(width, height);
}

}  // namespace

int64_t max_image_pixels() {
  const char* text = std::getenv("CNNLAB_MAX_IMAGE_PIXELS");
  if (!text || !*text) return kDefaultMaxPixels;
  char* end = nullptr;
  const long long value = std::strtoll(text, &end, 10);
  return *end == '\0' && value > 0 ? value : kDefaultMaxPixels;
}

std::optional<ImageSize> image_header_size(const std::string& path) {
  HeaderFile f(path);
  if (f.has(0, "\x89PNG\r\n\x1a\n", 8)) return png_size(f);
  if (f.has(0, "\xFF\xD8", 2)) return jpeg_size(f);
  if (f.has(0, "BM", 2)) return bmp_size(f);
  if (f.has(0, "RIFF", 4)) return webp_size(f);
  if (f.has(0, "II*\0", 4)) return tiff_size(f, true);
  if (f.has(0, "MM\0*", 4)) return tiff_size(f, false);
  return std::nullopt;
}

std::string image_decode_refusal(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    return std::filesystem::exists(path, ec) ? "not a regular file" : "no such file";
  const auto size = image_header_size(path);
  if (!size) return "not a PNG, JPEG, BMP, WebP or TIFF file with a readable header";
  // OpenCV's own per-side limit (CV_IO_MAX_IMAGE_WIDTH/HEIGHT): beyond it imread throws.
  constexpr int64_t kMaxSide = int64_t{1} << 20;
  if (size->width > kMaxSide || size->height > kMaxSide)
    return std::to_string(size->width) + " x " + std::to_string(size->height) +
           " pixels, a side longer than " + std::to_string(kMaxSide);
  const int64_t limit = max_image_pixels();
  if (size->width * size->height <= limit) return "";
  return std::to_string(size->width) + " x " + std::to_string(size->height) +
         " pixels, more than the limit of " + std::to_string(limit) +
         " (set CNNLAB_MAX_IMAGE_PIXELS to allow more)";
}

DecoderMessagesSilenced::DecoderMessagesSilenced() {
  std::cerr.flush();
  std::fflush(stderr);
  saved_ = ::fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 0);
  const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (saved_ >= 0 && null >= 0) ::dup2(null, STDERR_FILENO);
  if (null >= 0) ::close(null);
}

DecoderMessagesSilenced::~DecoderMessagesSilenced() {
  std::fflush(stderr);
  if (saved_ < 0) return;
  ::dup2(saved_, STDERR_FILENO);
  ::close(saved_);
}

}  // namespace cnnlab

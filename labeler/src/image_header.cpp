#include "labeler/image_header.hpp"

#include <array>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "labeler/image_io.hpp"

namespace cnnlab::label {

namespace {

constexpr int64_t kDefaultMaxPixels = 100'000'000;

uint32_t big_endian(const unsigned char* p, int bytes) {
  uint32_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  return v;
}

uint32_t little_endian(const unsigned char* p, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

std::optional<cv::Size> positive(int64_t width, int64_t height) {
  if (width <= 0 || height <= 0 || width > INT32_MAX || height > INT32_MAX) return std::nullopt;
  return cv::Size(static_cast<int>(width), static_cast<int>(height));
}

// The first header bytes of the file (fewer when it is shorter).
std::string head(const std::string& path, size_t bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string data(bytes, '\0');
  in.read(data.data(), static_cast<std::streamsize>(bytes));
  data.resize(static_cast<size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return data;
}

std::optional<cv::Size> png_size(const unsigned char* p, size_t n) {
  if (n < 24 || std::memcmp(p + 12, "IHDR", 4) != 0) return std::nullopt;
  return positive(big_endian(p + 16, 4), big_endian(p + 20, 4));
}

std::optional<cv::Size> bmp_size(const unsigned char* p, size_t n) {
  if (n < 26) return std::nullopt;
  // Height is signed: negative for top-down bitmaps.
  const auto height = static_cast<int32_t>(little_endian(p + 22, 4));
  return positive(little_endian(p + 18, 4), height < 0 ? -int64_t{height} : height);
}

std::optional<cv::Size> webp_size(const unsigned char* p, size_t n) {
  if (n < 30 || std::memcmp(p + 8, "WEBP", 4) != 0) return std::nullopt;
  const unsigned char* chunk = p + 12;
  if (std::memcmp(chunk, "VP8X", 4) == 0)
    return positive(int64_t{little_endian(chunk + 12, 3)} + 1,
                    int64_t{little_endian(chunk + 15, 3)} + 1);
  if (std::memcmp(chunk, "VP8L", 4) == 0) {
    const uint32_t bits = little_endian(chunk + 9, 4);
    return positive((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
  }
  if (std::memcmp(chunk, "VP8 ", 4) == 0)
    return positive(little_endian(chunk + 14, 2) & 0x3FFF, little_endian(chunk + 16, 2) & 0x3FFF);
  return std::nullopt;
}

// Classic TIFF: ImageWidth (256) and ImageLength (257) in the first IFD.
std::optional<cv::Size> tiff_size(const std::string& path, bool little) {
  std::ifstream in(path, std::ios::binary);
  const auto read = [&](uint64_t offset, int bytes) -> std::optional<uint32_t> {
    std::array<unsigned char, 4> b{};
    in.seekg(static_cast<std::streamoff>(offset));
    if (!in.read(reinterpret_cast<char*>(b.data()), bytes)) return std::nullopt;
    return little ? little_endian(b.data(), bytes) : big_endian(b.data(), bytes);
  };
  const auto ifd = read(4, 4);
  const auto count = ifd ? read(*ifd, 2) : std::nullopt;
  if (!count) return std::nullopt;
  int64_t width = 0, height = 0;
  for (uint32_t i = 0; i < *count; ++i) {
    const uint64_t entry = uint64_t{*ifd} + 2 + 12 * uint64_t{i};
    const auto tag = read(entry, 2), type = read(entry + 2, 2);
    if (!tag || !type) return std::nullopt;
    if (*tag != 256 && *tag != 257) continue;
    const auto value = read(entry + 8, *type == 3 ? 2 : 4);  // SHORT or LONG
    if (!value) return std::nullopt;
    (*tag == 256 ? width : height) = *value;
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

std::optional<cv::Size> image_header_size(const std::string& path) {
  const std::string bytes = head(path, 32);
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  if (n >= 8 && std::memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0) return png_size(p, n);
  if (n >= 2 && p[0] == 0xFF && p[1] == 0xD8) return jpeg_size(path);
  if (n >= 2 && std::memcmp(p, "BM", 2) == 0) return bmp_size(p, n);
  if (n >= 12 && std::memcmp(p, "RIFF", 4) == 0) return webp_size(p, n);
  if (n >= 8 && (std::memcmp(p, "II*\0", 4) == 0 || std::memcmp(p, "MM\0*", 4) == 0))
    return tiff_size(path, p[0] == 'I');
  return std::nullopt;
}

std::string decode_refusal(const std::string& path) {
  const auto size = image_header_size(path);
  if (!size) return "not a PNG, JPEG, BMP, WebP or TIFF file with a readable header";
  const int64_t pixels = int64_t{size->width} * size->height;
  if (pixels <= max_image_pixels()) return "";
  return std::to_string(size->width) + " x " + std::to_string(size->height) +
         " pixels, more than the limit of " + std::to_string(max_image_pixels()) +
         " (CNNLAB_MAX_IMAGE_PIXELS)";
}

}  // namespace cnnlab::label

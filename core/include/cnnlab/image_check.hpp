#pragma once
// Checks made before an image file is handed to OpenCV. A 1 MB PNG can claim 30000 x 30000
// pixels, which OpenCV allocates (2.7 GB as BGR) before it reads a single row; and libpng and
// libjpeg print their complaints straight to file descriptor 2.
#include <cstdint>
#include <optional>
#include <string>

#include "cnnlab/export.hpp"

namespace cnnlab {

struct ImageSize {
  int64_t width = 0;
  int64_t height = 0;
};

// The most pixels an image may have to be decoded: 100 megapixels (twice a 50 MP photo) unless
// the environment variable CNNLAB_MAX_IMAGE_PIXELS holds another positive integer.
CNNLAB_API int64_t max_image_pixels();

// Width and height from the header of a PNG, JPEG, BMP, WebP or TIFF file, recognised by its
// content; nullopt for anything else or a damaged header.
CNNLAB_API std::optional<ImageSize> image_header_size(const std::string& path);

// "" when `path` may be decoded: a regular file whose header gives a size within
// max_image_pixels(). Otherwise the reason, for a message naming the file.
CNNLAB_API std::string image_decode_refusal(const std::string& path);

// While it lives, file descriptor 2 goes to /dev/null: the decoders' chatter ("libpng warning:
// iCCP: known incorrect sRGB profile") stays off the terminal. Process-wide: create one around
// a whole batch of decodes, and report the files that failed afterwards.
class CNNLAB_API DecoderMessagesSilenced {
 public:
  DecoderMessagesSilenced();
  ~DecoderMessagesSilenced();
  DecoderMessagesSilenced(const DecoderMessagesSilenced&) = delete;
  DecoderMessagesSilenced& operator=(const DecoderMessagesSilenced&) = delete;

 private:
  int saved_ = -1;
};

}  // namespace cnnlab

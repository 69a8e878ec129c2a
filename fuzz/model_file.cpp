// The model-file reader, as `cnnlab evaluate`/`predict` and the labeler's model assist load a
// model: read, rebuilt through the plugins from its stored architecture, weights loaded. The
// target appends the CRC-32 the format ends with, so that inputs get past the checksum to the
// fields, the embedded YAML and the tensors (a crafted file can carry a valid checksum too).
#include <zlib.h>

#include <string>

#include "cnnlab/host/trained_model.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  cnnlab::fuzz::plugins();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  const uLong crc = crc32(crc32(0L, Z_NULL, 0), data, static_cast<uInt>(size));
  for (int i = 0; i < 4; ++i) bytes += static_cast<char>((crc >> (8 * i)) & 0xff);
  const std::string path = cnnlab::fuzz::write_scratch("model.cnnlab", bytes);
  try {
    cnnlab::load_trained_model(path, cnnlab::fuzz::plugins());
  } catch (const cnnlab::Error&) {
  }
  return 0;
}

#pragma once
#include <string>
#include <utility>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/host/model.hpp"
#include "cnnlab/shape.hpp"
#include "cnnlab/tensor.hpp"

namespace cnnlab {

// The contents of a saved model: enough to rebuild the network with the same plugins and to
// turn image files into class names.
//
// On disk: magic "CNNLABMF", format version (u32), then length-prefixed fields in the order
// below, every number little-endian, and last a CRC-32 of everything before it. A file that
// is truncated, has another magic or version, or fails the checksum is refused whole.
struct CNNLAB_API ModelFile {
  std::string architecture_yaml;  // the resolved experiment the model was built from
  std::string variant;
  std::vector<std::string> class_names;
  Shape input_shape;
  float scale = 255.0f;
  // Every parameter (trainable and BN moving statistics) as "<layer name>/<param name>".
  std::vector<std::pair<std::string, Tensor>> tensors;
};

constexpr uint32_t kModelFormatVersion = 1;

// Writes atomically (a temporary file renamed over `path`), so a crash never leaves half a model.
CNNLAB_API void write_model_file(const std::string& path, const ModelFile& file);
// Throws DataError naming the file and what is wrong.
CNNLAB_API ModelFile read_model_file(const std::string& path);

// Copies the model's parameters into / out of `file.tensors`. load_weights requires the same
// names and dims (DataError otherwise).
CNNLAB_API void store_weights(Model& model, ModelFile& file);
CNNLAB_API void load_weights(Model& model, const ModelFile& file, const std::string& origin);

}  // namespace cnnlab

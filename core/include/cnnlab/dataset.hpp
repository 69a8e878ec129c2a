#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/shape.hpp"

namespace cnnlab {

// Images of one split as bytes, HWC, one after the other. Kept as uint8 until a batch needs
// them: 60,000 Fashion-MNIST images are 47 MB as bytes, 188 MB as floats.
struct CNNLAB_API ImageSet {
  int64_t height = 0, width = 0, channels = 0;
  std::vector<uint8_t> pixels;
  std::vector<int32_t> labels;

  size_t size() const { return labels.size(); }
  size_t image_bytes() const { return static_cast<size_t>(height * width * channels); }
  const uint8_t* image(size_t i) const { return pixels.data() + i * image_bytes(); }
};

struct CNNLAB_API DatasetInfo {
  Shape input_shape;  // {H, W, C}
  int num_classes = 0;
  std::vector<std::string> class_names;  // num_classes entries ("0".."9" when unknown)
  float scale = 255.0f;                  // network input = byte / scale
};

// The rule every class name keeps, from a dataset's `classes` to a model file's names: not
// empty, at most kMaxClassNameBytes, no control characters. So a trained model's names never
// make the saved model unreadable, and no terminal sequence reaches `predict`.
inline constexpr size_t kMaxClassNameBytes = 256;
// Why `name` breaks that rule ("" when it keeps it).
CNNLAB_API std::string class_name_problem(const std::string& name);

// What a dataset factory gets besides its config.
struct DatasetContext {
  uint64_t seed = 0;  // for splits that are drawn (image_folder's test_split)
};

// A source of labelled images. Errors are DataError naming the file and what is wrong.
class CNNLAB_API Dataset {
 public:
  virtual ~Dataset();
  virtual std::string type() const = 0;
  virtual DatasetInfo info() = 0;
  virtual ImageSet load_train() = 0;
  virtual ImageSet load_test() = 0;
};

}  // namespace cnnlab

// Image decoding through our three loaders of image files, each given the input as a file:
// `cnnlab predict` (load_images_as_input), training on an image_folder dataset (the dataset
// plugin, through the plugin host) and the labeler's window and duplicate finder. A small file
// that claims a huge picture must end in a clear error, not a multi-GiB allocation.
#include "cnnlab/dataset.hpp"
#include "cnnlab/host/trained_model.hpp"
#include "labeler/image_io.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  cnnlab::fuzz::plugins();
  // A second class, so that the dataset is valid whatever the input.
  cnnlab::fuzz::write_scratch("folder/b/good.png", cnnlab::fuzz::tiny_png());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The image_folder dataset reads only files with an image extension; OpenCV decodes by content.
  const std::string path = cnnlab::fuzz::write_scratch("folder/a/input.png", data, size);
  try {
    cnnlab::load_images_as_input({path}, {32, 32, 3}, 255.0f);
  } catch (const cnnlab::Error&) {
  }
  try {
    const auto dataset = cnnlab::fuzz::plugins().make_dataset(
        "image_folder",
        cnnlab::fuzz::config_from_yaml("{path: folder, image_size: [8, 8], test_split: 0}",
                                       "dataset 'image_folder'"),
        {});
    dataset->load_train();
  } catch (const cnnlab::Error&) {
  }
  try {
    cnnlab::label::load_fitted(path, {64, 48});
    cnnlab::label::load_gray_within(path, 32);
  } catch (const cnnlab::Error&) {
  }
  return 0;
}

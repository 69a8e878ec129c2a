// The CSV files of an exported dataset. The first input byte picks the reader the rest goes
// to: the labeler's manifest.csv or split.csv reader, or the image_folder dataset's split.csv
// reader (plugins/datasets, through the plugin host) over a folder with two classes.
#include "cnnlab/dataset.hpp"
#include "labeler/manifest.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  cnnlab::fuzz::plugins();
  const std::string png = cnnlab::fuzz::tiny_png();
  cnnlab::fuzz::write_scratch("folder/cat/1.png", png);
  cnnlab::fuzz::write_scratch("folder/dog/2.png", png);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using cnnlab::fuzz::write_scratch;
  try {
    switch (data[0] % 3) {
      case 0:
        cnnlab::label::read_manifest(write_scratch("manifest.csv", data + 1, size - 1));
        break;
      case 1:
        cnnlab::label::read_split(write_scratch("split.csv", data + 1, size - 1));
        break;
      default: {
        write_scratch("folder/split.csv", data + 1, size - 1);
        const auto dataset = cnnlab::fuzz::plugins().make_dataset(
            "image_folder",
            cnnlab::fuzz::config_from_yaml("{path: folder, image_size: [1, 1]}",
                                           "dataset 'image_folder'"),
            {});
        dataset->info();
      }
    }
  } catch (const cnnlab::Error&) {
  }
  return 0;
}

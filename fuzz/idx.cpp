// The `idx` dataset (plugins/datasets), through the plugin host as `cnnlab run` loads it. The
// first input byte picks which of the four files the rest of the input replaces; the other
// three are small valid files (two 2x2 images, labels 0 and 1), so a fuzzed header is checked
// against real partners and can reach the loading of the pixels.
#include <string>

#include "cnnlab/dataset.hpp"
#include "support.hpp"

namespace {

const std::string kNames[] = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                              "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
const std::string kImages(
    "\0\0\x08\x03\0\0\0\x02\0\0\0\x02\0\0\0\x02"
    "abcdefgh",
    24);
const std::string kLabels("\0\0\x08\x01\0\0\0\x02\x00\x01", 10);

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  cnnlab::fuzz::plugins();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using cnnlab::fuzz::write_scratch;
  for (int i = 0; i < 4; ++i)
    if (i == data[0] % 4)
      write_scratch("idx/" + kNames[i], data + 1, size - 1);
    else
      write_scratch("idx/" + kNames[i], i % 2 == 0 ? kImages : kLabels);
  try {
    const auto dataset = cnnlab::fuzz::plugins().make_dataset(
        "idx", cnnlab::fuzz::config_from_yaml("{path: idx}", "dataset 'idx'"), {});
    dataset->info();
    dataset->load_train();
    dataset->load_test();
  } catch (const cnnlab::Error&) {
  }
  return 0;
}

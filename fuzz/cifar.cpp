// The `cifar10` dataset (plugins/datasets), through the plugin host. The first input byte picks
// what the rest of the input is: the training batch (even) or batches.meta.txt, the class
// names (odd). The test batch is one valid record, and so is the training batch when the
// input is the class names.
#include <string>

#include "cnnlab/dataset.hpp"
#include "support.hpp"

namespace {

// One record: label 0, then 32x32 pixels in three planes.
const std::string kRecord = std::string(1, '\0') + std::string(3 * 32 * 32, '\x80');

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  cnnlab::fuzz::plugins();
  cnnlab::fuzz::write_scratch("cifar/test_batch.bin", kRecord);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using cnnlab::fuzz::write_scratch;
  const std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const bool names = data[0] % 2 == 1;
  write_scratch("cifar/train.bin", names ? kRecord : rest);
  write_scratch("cifar/batches.meta.txt", names ? rest : std::string("a\nb\n"));
  try {
    const auto dataset = cnnlab::fuzz::plugins().make_dataset(
        "cifar10",
        cnnlab::fuzz::config_from_yaml("{path: cifar, train_files: [train.bin]}",
                                       "dataset 'cifar10'"),
        {});
    dataset->info();
    dataset->load_train();
    dataset->load_test();
  } catch (const cnnlab::Error&) {
  }
  return 0;
}

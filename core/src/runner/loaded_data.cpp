#include "loaded_data.hpp"

#include "cnnlab/error.hpp"

namespace cnnlab {

namespace {

void keep_first(ImageSet& set, int64_t limit) {
  if (limit < 0 || static_cast<size_t>(limit) >= set.size()) return;
  set.labels.resize(static_cast<size_t>(limit));
  set.pixels.resize(static_cast<size_t>(limit) * set.image_bytes());
  set.pixels.shrink_to_fit();
  set.labels.shrink_to_fit();
}

}  // namespace

ExperimentData load_experiment_data(const ExperimentSpec& spec, const PluginHost& host) {
  const DatasetSpec& d = spec.dataset;
  auto dataset = make_dataset_for(spec, host);
  ExperimentData data;
  data.info = dataset->info();
  data.train = dataset->load_train();
  data.test = dataset->load_test();
  keep_first(data.train, d.limit_train.value_or(-1));
  keep_first(data.test, d.limit_test.value_or(-1));
  if (data.train.size() == 0) throw DataError("dataset '" + d.type + "' has no training images");
  return data;
}

namespace runner {

const ExperimentData& DataCache::get(const ExperimentSpec& spec) {
  const DatasetSpec& d = spec.dataset;
  const std::string key =
      d.type + "\n" + to_yaml(d.config) + "\n" + std::to_string(d.limit_train.value_or(-1)) + "/" +
      std::to_string(d.limit_test.value_or(-1)) + "/" + std::to_string(spec.seed);
  if (data_ && key == key_) return *data_;
  data_.reset();
  data_ = std::make_unique<ExperimentData>(load_experiment_data(spec, host_));
  key_ = key;
  return *data_;
}

}  // namespace runner
}  // namespace cnnlab

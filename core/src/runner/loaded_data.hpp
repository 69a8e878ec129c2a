#pragma once
#include <memory>
#include <string>

#include "cnnlab/host/runner.hpp"

namespace cnnlab::runner {

// Variants usually share one dataset: this loads each distinct dataset section once.
class DataCache {
 public:
  explicit DataCache(const PluginHost& host) : host_(host) {}
  const ExperimentData& get(const ExperimentSpec& spec);

 private:
  const PluginHost& host_;
  std::string key_;
  std::unique_ptr<ExperimentData> data_;
};

}  // namespace cnnlab::runner

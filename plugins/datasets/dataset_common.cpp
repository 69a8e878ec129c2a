#include "dataset_common.hpp"

#include "cnnlab/error.hpp"

namespace cnnlab::datasets {

float read_scale(const Config& cfg) {
  const double scale = cfg.get_double("scale", 255.0);
  if (!(scale > 0.0)) cfg.fail("scale", "must be positive");
  return static_cast<float>(scale);
}

std::optional<std::vector<std::string>> read_class_names(const Config& cfg) {
  if (!cfg.has("classes")) return std::nullopt;
  auto names = cfg.get_string_list("classes");
  if (names.empty()) cfg.fail("classes", "must name at least one class");
  for (const auto& name : names) {
    const std::string problem = class_name_problem(name);
    if (!problem.empty()) cfg.fail("classes", "cannot be used: " + problem);
  }
  for (size_t i = 0; i < names.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (names[i] == names[j]) cfg.fail("classes", "names '" + names[i] + "' twice");
  return names;
}

std::vector<std::string> numbered_class_names(int count) {
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) names.push_back(std::to_string(i));
  return names;
}

void check_labels(const std::vector<int32_t>& labels, int num_classes, const std::string& file) {
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] < 0 || labels[i] >= num_classes)
      throw DataError(file + ": label " + std::to_string(labels[i]) + " of item " +
                      std::to_string(i) + " is out of range for " + std::to_string(num_classes) +
                      " classes");
}

}  // namespace cnnlab::datasets

// The model's last layer against the dataset's classes, checked before anything trains.
#include "experiment_detail.hpp"

namespace cnnlab {

void check_output_units(const Model& model, const DatasetInfo& dataset,
                        const SourceLocation& where) {
  const Shape& output = model.output_shape();
  const auto classes = static_cast<int64_t>(dataset.num_classes);
  if (output.size() == 1 && output[0] == classes) return;
  const std::string has = output.size() == 1 ? std::to_string(output[0]) + " output units"
                                             : "an output of shape " + shape_to_string(output);
  throw ConfigError(where, "the model ends in " + has + " but the dataset has " +
                               std::to_string(classes) + " classes: the last layer needs " +
                               std::to_string(classes) + " units");
}

}  // namespace cnnlab

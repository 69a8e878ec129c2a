#pragma once
// What the dataset types share: the factories plugin.cpp lists and the common keys and
// checks. Internal to the cnnlab_datasets plugin.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cnnlab/config.hpp"
#include "cnnlab/dataset.hpp"
#include "cnnlab/plugin.hpp"

namespace cnnlab::datasets {

// The factory of each dataset type, one per source file.
DatasetType idx_type();
DatasetType cifar10_type();
DatasetType image_folder_type();

// The `scale` key every dataset takes: network input = byte / scale.
float read_scale(const Config& cfg);

// The optional `classes` key: a list or a comma-separated string of distinct names.
std::optional<std::vector<std::string>> read_class_names(const Config& cfg);

// "0", "1", ... for datasets whose classes have no names.
std::vector<std::string> numbered_class_names(int count);

// Throws a DataError naming `file` when a label is not below num_classes.
void check_labels(const std::vector<int32_t>& labels, int num_classes, const std::string& file);

}  // namespace cnnlab::datasets

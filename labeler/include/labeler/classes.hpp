#pragma once
// Class names: they become folder names of the dataset and are bound to the keys 1..9, 0.
#include <string>
#include <vector>

namespace cnnlab::label {

constexpr size_t kMaxClasses = 10;  // one digit key each

// "cat,dog,bird" -> {"cat", "dog", "bird"} (spaces around names are dropped). Throws
// ConfigError when a name is invalid (see validate_classes).
std::vector<std::string> parse_class_list(const std::string& comma_separated);

// A classes file: names one per line and/or comma-separated; blank lines and lines starting
// with '#' are ignored. Throws ConfigError naming the file (and line) on a bad name.
std::vector<std::string> read_class_file(const std::string& path);

// "" for a valid class name (see validate_classes), otherwise what is wrong with it.
std::string class_name_problem(const std::string& name);

// 1..10 unique names of letters, digits, '_', '-', '.', not starting with '.', not one of
// the files the labeler keeps next to the class folders, and not "train" or "test". Throws
// ConfigError otherwise.
void validate_classes(const std::vector<std::string>& classes);

std::string join_classes(const std::vector<std::string>& classes);  // "cat,dog,bird"

}  // namespace cnnlab::label

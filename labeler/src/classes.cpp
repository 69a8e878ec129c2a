#include "labeler/classes.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>

#include "cnnlab/error.hpp"
#include "cnnlab/text.hpp"
#include "labeler/dataset_layout.hpp"

namespace cnnlab::label {

std::string class_name_problem(const std::string& name) {
  if (name.empty()) return "an empty class name";
  if (name[0] == '.') return "class name '" + name + "' starts with '.'";
  for (unsigned char c : name)
    if (!std::isalnum(c) && c != '_' && c != '-' && c != '.')
      return "class name '" + name + "' has a character other than letters, digits, '_', '-', '.'";
  if (DatasetLayout::is_reserved_name(name))
    return "class name '" + name + "' is the name of a file the labeler writes";
  // DIR/train and DIR/test side by side mean "already split" to the image_folder dataset.
  if (name == "train" || name == "test")
    return "class name '" + name +
           "' is reserved (the image_folder dataset reads train/ and "
           "test/ folders as a split)";
  return "";
}

namespace {

void split_into(const std::string& text, std::vector<std::string>& out) {
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    out.push_back(trim(text.substr(start, comma - start)));
    if (comma == std::string::npos) return;
    start = comma + 1;
  }
}

}  // namespace

std::vector<std::string> parse_class_list(const std::string& comma_separated) {
  std::vector<std::string> classes;
  split_into(comma_separated, classes);
  validate_classes(classes);
  return classes;
}

std::vector<std::string> read_class_file(const std::string& path) {
  // Ten names fit in far less; the cap keeps `--classes-file /dev/zero` (or a photo named by
  // mistake) from being read whole.
  constexpr std::uintmax_t kMaxBytes = 64 * 1024;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw ConfigError("classes file '" + path + "' is not a regular file");
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxBytes)
    throw ConfigError("classes file '" + path + "' has " + std::to_string(size) +
                      " bytes; a classes file is at most " + std::to_string(kMaxBytes));
  std::ifstream in(path);
  if (!in) throw ConfigError("cannot read classes file '" + path + "'");
  std::vector<std::string> classes;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    const std::string text = trim(line);
    if (text.empty() || text[0] == '#') continue;
    std::vector<std::string> names;
    split_into(text, names);
    for (const auto& n : names) {
      const std::string problem = class_name_problem(n);
      if (!problem.empty()) throw ConfigError(SourceLocation{path, line_number, 0}, problem);
      classes.push_back(n);
    }
  }
  try {
    validate_classes(classes);
  } catch (const ConfigError& e) {
    throw ConfigError(path + ": " + e.what());
  }
  return classes;
}

void validate_classes(const std::vector<std::string>& classes) {
  if (classes.empty()) throw ConfigError("no classes given");
  if (classes.size() > kMaxClasses)
    throw ConfigError(std::to_string(classes.size()) + " classes given; at most " +
                      std::to_string(kMaxClasses) + " (one per digit key 1..9, 0)");
  std::set<std::string> seen;
  for (const auto& c : classes) {
    const std::string problem = class_name_problem(c);
    if (!problem.empty()) throw ConfigError(problem);
    if (!seen.insert(c).second) throw ConfigError("class '" + c + "' is given twice");
  }
}

std::string join_classes(const std::vector<std::string>& classes) {
  std::string out;
  for (const auto& c : classes) out += (out.empty() ? "" : ",") + c;
  return out;
}

}  // namespace cnnlab::label

// --set KEY=VALUE: a param's default, or a value anywhere in the file by a dotted path.
// Missing map keys on the way are created, so `--set dataset.limit_train=1000` works when the
// file has no limit_train; a misspelt key is then reported by the validation like any other
// unknown key, at the location "--set dataset.limt_train=1000".
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <optional>

#include "experiment_detail.hpp"

namespace cnnlab::experiment_detail {

namespace {

void relocate(ConfigValue& value, const SourceLocation& where) {
  value.location = where;
  for (auto& key : value.key_locations) key = where;
  for (auto& item : value.items) relocate(item, where);
  for (auto& entry : value.entries) relocate(entry.second, where);
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    parts.push_back(path.substr(start, dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

std::optional<size_t> parse_index(const std::string& s) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  errno = 0;
  const unsigned long long x = std::strtoull(s.c_str(), nullptr, 10);
  if (errno) return std::nullopt;
  return static_cast<size_t>(x);
}

// The child of `node` named by `part`; a missing map key is added (null). The key of a
// replaced value is relocated too: messages about the value then name the --set.
ConfigValue& child(ConfigValue& node, const std::string& part, const std::string& so_far,
                   const SourceLocation& where, bool replaced) {
  if (node.kind == ConfigValue::Kind::null) node.kind = ConfigValue::Kind::map;
  if (node.kind == ConfigValue::Kind::map) {
    for (size_t i = 0; i < node.entries.size(); ++i) {
      if (node.entries[i].first != part) continue;
      if (replaced && i < node.key_locations.size()) node.key_locations[i] = where;
      return node.entries[i].second;
    }
    ConfigValue added;
    added.location = where;
    node.entries.emplace_back(part, added);
    node.key_locations.push_back(where);
    return node.entries.back().second;
  }
  if (node.kind == ConfigValue::Kind::list) {
    const std::optional<size_t> index = parse_index(part);
    if (!index)
      throw ConfigError(where,
                        "'" + so_far + "' is a list: expected an item index, got " + quoted(part));
    if (*index >= node.items.size())
      throw ConfigError(where, "'" + so_far + "' has no item " + part + " (it has " +
                                   std::to_string(node.items.size()) + ", counted from 0)");
    return node.items[*index];
  }
  throw ConfigError(where, "'" + so_far + "' is a single value (" + to_flow_yaml(node) +
                               "), it has no " + quoted(part));
}

void apply_one(ConfigValue& document, const std::string& assignment) {
  // The assignment labels every message about it: cut, so a huge value is not echoed whole.
  const SourceLocation where{"--set " + one_line(assignment, 80), 0, 0};
  const size_t equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0)
    throw ConfigError("--set expects KEY=VALUE, got " + quoted(assignment));
  const std::string key = assignment.substr(0, equals);
  ConfigValue value = parse_yaml(assignment.substr(equals + 1), where.file);
  relocate(value, where);

  const std::vector<std::string> parts = split_path(key);
  if (parts.size() == 1) {
    ConfigValue* params = document.find("params");
    if (params && params->kind == ConfigValue::Kind::map && params->find(key)) {
      child(*params, key, "params", where, true) = std::move(value);
      return;
    }
    const auto& top = top_level_keys();
    if (std::find(top.begin(), top.end(), key) == top.end()) {
      std::vector<std::string> candidates = top;
      if (params)
        for (const auto& entry : params->entries) candidates.push_back(entry.first);
      const std::string hint = closest_match(key, candidates);
      throw ConfigError(where, quoted(key) + " is neither a param nor a key of the experiment" +
                                   (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
  }
  ConfigValue* node = &document;
  std::string so_far;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part.empty()) throw ConfigError(where, "empty name in the path " + quoted(key));
    node = &child(*node, part, so_far, where, i + 1 == parts.size());
    so_far += (so_far.empty() ? "" : ".") + part;
  }
  *node = std::move(value);
}

}  // namespace

void apply_overrides(ConfigValue& document, const std::vector<std::string>& overrides) {
  for (const auto& assignment : overrides) apply_one(document, assignment);
}

}  // namespace cnnlab::experiment_detail

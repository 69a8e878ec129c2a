// Params: `params:` declares named values; "${name}" in any scalar takes a value and
// `when: name` keeps a layer only when the value is true (or a nonzero number).
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "experiment_detail.hpp"

namespace cnnlab::experiment_detail {

namespace {

bool is_identifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

std::vector<std::string> names_of(const ParamList& params) {
  std::vector<std::string> names;
  for (const auto& [name, value] : params) names.push_back(name);
  return names;
}

const ConfigValue* find_param(const ParamList& params, const std::string& name) {
  for (const auto& [key, value] : params)
    if (key == name) return &value;
  return nullptr;
}

const ConfigValue& param_or_fail(const ParamList& params, const std::string& name,
                                 const SourceLocation& where) {
  if (const ConfigValue* value = find_param(params, name)) return *value;
  const std::string hint = closest_match(name, names_of(params));
  throw ConfigError(where, "unknown param " + quoted(name) +
                               (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                               (params.empty() ? "; the file declares no params"
                                               : "; params: " + join(names_of(params))));
}

// true/false words, or a number (nonzero is true); empty is false.
std::optional<bool> truth_of(const ConfigValue& value) {
  if (value.kind == ConfigValue::Kind::null) return false;
  if (value.kind != ConfigValue::Kind::scalar) return std::nullopt;
  const std::string& s = value.scalar;
  if (s == "true" || s == "True" || s == "TRUE" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "False" || s == "FALSE" || s == "no" || s == "off" || s.empty())
    return false;
  char* end = nullptr;
  errno = 0;
  const double x = std::strtod(s.c_str(), &end);
  if (errno || *end != '\0' || std::isnan(x)) return std::nullopt;
  return x != 0.0;
}

bool evaluate_when(const ConfigValue& when, const ParamList& params) {
  const std::string usage = "'when' takes a param name, or !name for its negation";
  if (when.kind != ConfigValue::Kind::scalar) throw ConfigError(when.location, usage);
  const bool negated = !when.scalar.empty() && when.scalar[0] == '!';
  std::string name = when.scalar.substr(negated ? 1 : 0);
  name.erase(0, name.find_first_not_of(' '));
  if (!is_identifier(name))
    throw ConfigError(when.location, usage + ", got " + quoted(when.scalar));
  const ConfigValue& value = param_or_fail(params, name, when.location);
  const std::optional<bool> truth = truth_of(value);
  if (!truth)
    throw ConfigError(when.location, "when: param '" + name + "' is " + to_flow_yaml(value) +
                                         ", which is neither true/false nor a number");
  return *truth != negated;
}

// "${name}" alone becomes the param's value (a number, a list...); inside a longer string
// it is replaced by the value's text.
void substitute(ConfigValue& value, const ParamList& params) {
  for (auto& item : value.items) substitute(item, params);
  for (auto& entry : value.entries) substitute(entry.second, params);
  if (value.kind != ConfigValue::Kind::scalar) return;
  const std::string text = value.scalar;
  if (text.find("${") == std::string::npos) return;
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t open = text.find("${", pos);
    if (open == std::string::npos) break;
    const size_t close = text.find('}', open);
    if (close == std::string::npos)
      throw ConfigError(value.location, "unterminated '${' in " + quoted(text));
    const std::string name = text.substr(open + 2, close - open - 2);
    if (!is_identifier(name))
      throw ConfigError(value.location, "'${" + name + "}' does not name a param");
    const ConfigValue& param = param_or_fail(params, name, value.location);
    if (open == 0 && close + 1 == text.size()) {
      const SourceLocation where = value.location;
      value = param;
      value.location = where;
      return;
    }
    if (param.kind == ConfigValue::Kind::list || param.kind == ConfigValue::Kind::map)
      throw ConfigError(value.location, "param '" + name + "' is " + to_flow_yaml(param) +
                                            " and cannot be part of the string " + quoted(text));
    out += text.substr(pos, open - pos) + param.scalar;
    pos = close + 1;
  }
  value.scalar = out + text.substr(pos);
}

// Drops the layers whose `when:` is false and the `when` keys themselves.
std::vector<size_t> apply_when(ConfigValue& document, const ParamList& params) {
  std::vector<size_t> kept;
  ConfigValue* model = document.find("model");
  ConfigValue* layers = model ? model->find("layers") : nullptr;
  if (!layers || layers->kind != ConfigValue::Kind::list) return kept;
  std::vector<ConfigValue> remaining;
  for (size_t i = 0; i < layers->items.size(); ++i) {
    ConfigValue& layer = layers->items[i];
    const ConfigValue* when = layer.kind == ConfigValue::Kind::map ? layer.find("when") : nullptr;
    if (when) {
      if (!evaluate_when(*when, params)) continue;
      layer = without_keys(layer, {"when"});
    }
    remaining.push_back(std::move(layer));
    kept.push_back(i);
  }
  layers->items = std::move(remaining);
  return kept;
}

}  // namespace

ParamList read_params(const ConfigValue& document) {
  const ConfigValue* params = document.find("params");
  if (!params || params->kind == ConfigValue::Kind::null) return {};
  if (params->kind != ConfigValue::Kind::map)
    throw ConfigError(params->location, "'params' must be a map of names to values");
  ParamList list;
  for (size_t i = 0; i < params->entries.size(); ++i) {
    const auto& [name, value] = params->entries[i];
    if (!is_identifier(name))
      throw ConfigError(params->key_locations[i],
                        "param name " + quoted(name) + " must be letters, digits and _");
    list.emplace_back(name, value);
  }
  return list;
}

ParamList merge_params(const ParamList& base, const ParamList& overrides) {
  ParamList merged = base;
  for (const auto& [name, value] : overrides)
    for (auto& entry : merged)
      if (entry.first == name) entry.second = value;
  return merged;
}

Resolution resolve(const ConfigValue& document, const ParamList& params) {
  Resolution resolution;
  resolution.document = without_keys(document, {"params", "variants", "grid"});
  resolution.layer_file_indices = apply_when(resolution.document, params);
  substitute(resolution.document, params);
  if (!params.empty()) {
    ConfigValue values;
    values.kind = ConfigValue::Kind::map;
    values.location = document.find("params")->location;
    for (const auto& [name, value] : params) {
      values.entries.emplace_back(name, value);
      values.key_locations.push_back(value.location);
    }
    // Keeps the file's order: params right after name and seed when those come first.
    auto& entries = resolution.document.entries;
    auto& keys = resolution.document.key_locations;
    size_t at = 0;
    while (at < entries.size() && (entries[at].first == "name" || entries[at].first == "seed"))
      ++at;
    entries.insert(entries.begin() + static_cast<std::ptrdiff_t>(at), {"params", values});
    keys.insert(keys.begin() + static_cast<std::ptrdiff_t>(at), values.location);
  }
  return resolution;
}

}  // namespace cnnlab::experiment_detail

#include "cnnlab/config.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>

namespace cnnlab {

const ConfigValue* ConfigValue::find(const std::string& key) const {
  for (const auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

ConfigValue* ConfigValue::find(const std::string& key) {
  for (auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    std::vector<size_t> row(c.size() + 1);
    for (size_t j = 0; j <= c.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= word.size(); ++i) {
      size_t diagonal = row[0];
      row[0] = i;
      for (size_t j = 1; j <= c.size(); ++j) {
        const size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (word[i - 1] != c[j - 1])});
        diagonal = up;
      }
    }
    if (row[c.size()] < best_distance) {
      best_distance = row[c.size()];
      best = c;
    }
  }
  return best;
}

Config::Config() : known_(std::make_shared<std::set<std::string>>()) {
  value_.kind = ConfigValue::Kind::map;
}

Config::Config(ConfigValue map, std::string what, std::string base_dir)
    : value_(std::move(map)),
      what_(std::move(what)),
      base_dir_(std::move(base_dir)),
      known_(std::make_shared<std::set<std::string>>()) {
  if (value_.kind == ConfigValue::Kind::null) value_.kind = ConfigValue::Kind::map;
  if (value_.kind != ConfigValue::Kind::map)
    throw ConfigError(value_.location, what_ + ": expected a map of settings");
}

bool Config::has(const std::string& key) const {
  known_->insert(key);
  const ConfigValue* v = value_.find(key);
  return v && v->kind != ConfigValue::Kind::null;
}

SourceLocation Config::location(const std::string& key) const {
  for (size_t i = 0; i < value_.entries.size(); ++i)
    if (value_.entries[i].first == key) {
      const auto& v = value_.entries[i].second;
      if (v.location.line > 0) return v.location;
      if (i < value_.key_locations.size()) return value_.key_locations[i];
    }
  return value_.location;
}

void Config::fail(const std::string& key, const std::string& message) const {
  const std::string subject = what_.empty() ? "" : what_ + ": ";
  throw ConfigError(location(key), subject + "'" + key + "' " + message);
}

const ConfigValue* Config::scalar_or_fail(const std::string& key) const {
  known_->insert(key);
  const ConfigValue* v = value_.find(key);
  if (!v || v->kind == ConfigValue::Kind::null) return nullptr;
  if (v->kind != ConfigValue::Kind::scalar) fail(key, "must be a single value");
  return v;
}

namespace {
std::optional<int64_t> parse_int(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long long x = std::strtoll(s.c_str(), &end, 10);
  if (errno || *end != '\0') return std::nullopt;
  return x;
}
std::optional<double> parse_double(const std::string& s) {
  if (s.empty()) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const double x = std::strtod(s.c_str(), &end);
  if (errno || *end != '\0' || !std::isfinite(x)) return std::nullopt;
  return x;
}
std::optional<bool> parse_bool(const std::string& s) {
  if (s == "true" || s == "True" || s == "TRUE" || s == "yes" || s == "on") return true;
  if (s == "false" || s == "False" || s == "FALSE" || s == "no" || s == "off") return false;
  return std::nullopt;
}

// A scalar key's value parsed by `parse`, the fallback when the key is absent, an error naming
// the key and what was expected otherwise.
template <typename T, typename Parse>
T typed_scalar(const Config& config, const ConfigValue* v, const std::string& key,
               std::optional<T> fallback, Parse parse, const char* expected) {
  if (!v) {
    if (fallback) return *fallback;
    config.fail(key, "is required");
  }
  const std::optional<T> x = parse(v->scalar);
  if (!x) config.fail(key, std::string("must be ") + expected + ", got " + quoted(v->scalar));
  return *x;
}
}  // namespace

int64_t Config::get_int(const std::string& key, std::optional<int64_t> fallback) const {
  return typed_scalar(*this, scalar_or_fail(key), key, fallback, parse_int, "an integer");
}

double Config::get_double(const std::string& key, std::optional<double> fallback) const {
  return typed_scalar(*this, scalar_or_fail(key), key, fallback, parse_double, "a number");
}

bool Config::get_bool(const std::string& key, std::optional<bool> fallback) const {
  return typed_scalar(*this, scalar_or_fail(key), key, fallback, parse_bool, "true or false");
}

std::string Config::get_string(const std::string& key, std::optional<std::string> fallback) const {
  const ConfigValue* v = scalar_or_fail(key);
  if (!v) {
    if (fallback) return *fallback;
    fail(key, "is required");
  }
  return v->scalar;
}

std::string Config::get_choice(const std::string& key, const std::vector<std::string>& choices,
                               std::optional<std::string> fallback) const {
  const std::string s = get_string(key, std::move(fallback));
  if (std::find(choices.begin(), choices.end(), s) != choices.end()) return s;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  const std::string hint = closest_match(s, choices);
  fail(key, "must be one of " + list + ", got " + quoted(s) +
                (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
}

std::pair<int64_t, int64_t> Config::get_pair(
    const std::string& key, std::optional<std::pair<int64_t, int64_t>> fallback) const {
  known_->insert(key);
  const ConfigValue* v = value_.find(key);
  if (!v || v->kind == ConfigValue::Kind::null) {
    if (fallback) return *fallback;
    fail(key, "is required");
  }
  if (v->kind == ConfigValue::Kind::scalar) {
    auto x = parse_int(v->scalar);
    if (!x) fail(key, "must be an integer or a pair of integers, got " + quoted(v->scalar));
    return {*x, *x};
  }
  if (v->kind == ConfigValue::Kind::list && v->items.size() == 2 &&
      v->items[0].kind == ConfigValue::Kind::scalar &&
      v->items[1].kind == ConfigValue::Kind::scalar) {
    auto a = parse_int(v->items[0].scalar), b = parse_int(v->items[1].scalar);
    if (a && b) return {*a, *b};
  }
  fail(key, "must be an integer or a pair of integers");
}

std::vector<int64_t> Config::get_int_list(const std::string& key,
                                          std::optional<std::vector<int64_t>> fallback) const {
  known_->insert(key);
  const ConfigValue* v = value_.find(key);
  if (!v || v->kind == ConfigValue::Kind::null) {
    if (fallback) return *fallback;
    fail(key, "is required");
  }
  if (v->kind != ConfigValue::Kind::list) fail(key, "must be a list of integers");
  std::vector<int64_t> out;
  for (const auto& item : v->items) {
    auto x = item.kind == ConfigValue::Kind::scalar ? parse_int(item.scalar) : std::nullopt;
    if (!x) fail(key, "must be a list of integers");
    out.push_back(*x);
  }
  return out;
}

std::vector<std::string> Config::get_string_list(
    const std::string& key, std::optional<std::vector<std::string>> fallback) const {
  known_->insert(key);
  const ConfigValue* v = value_.find(key);
  if (!v || v->kind == ConfigValue::Kind::null) {
    if (fallback) return *fallback;
    fail(key, "is required");
  }
  if (v->kind == ConfigValue::Kind::scalar) {
    // "cat,dog,bird" is accepted as well as [cat, dog, bird].
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= v->scalar.size()) {
      const size_t comma = v->scalar.find(',', start);
      const size_t end = comma == std::string::npos ? v->scalar.size() : comma;
      std::string item = v->scalar.substr(start, end - start);
      item.erase(0, item.find_first_not_of(' '));
      item.erase(item.find_last_not_of(' ') + 1);
      if (!item.empty()) out.push_back(item);
      start = end + 1;
    }
    return out;
  }
  if (v->kind != ConfigValue::Kind::list) fail(key, "must be a list");
  std::vector<std::string> out;
  for (const auto& item : v->items) {
    if (item.kind != ConfigValue::Kind::scalar) fail(key, "must be a list of names");
    out.push_back(item.scalar);
  }
  return out;
}

std::string Config::get_path(const std::string& key, std::optional<std::string> fallback) const {
  const std::string p = get_string(key, std::move(fallback));
  if (p.empty() || std::filesystem::path(p).is_absolute()) return p;
  return (std::filesystem::path(base_dir_) / p).lexically_normal().string();
}

void Config::accept(const std::vector<std::string>& keys) const {
  known_->insert(keys.begin(), keys.end());
}

void Config::reject_unknown_keys() const {
  std::vector<std::string> known(known_->begin(), known_->end());
  for (size_t i = 0; i < value_.entries.size(); ++i) {
    const std::string& key = value_.entries[i].first;
    if (known_->count(key)) continue;
    const std::string hint = closest_match(key, known);
    const SourceLocation where =
        i < value_.key_locations.size() ? value_.key_locations[i] : value_.location;
    throw ConfigError(where, "unknown key " + quoted(key) + (what_.empty() ? "" : " for " + what_) +
                                 (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
  }
}

}  // namespace cnnlab

#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cnnlab/error.hpp"
#include "cnnlab/export.hpp"

namespace cnnlab {

// A configuration tree as read from YAML: scalars (kept as written), lists and maps, each
// with the location it came from. Independent of yaml-cpp so that plugins need no YAML.
struct CNNLAB_API ConfigValue {
  enum class Kind { null, scalar, list, map };
  Kind kind = Kind::null;
  std::string scalar;
  std::vector<ConfigValue> items;                            // list
  std::vector<std::pair<std::string, ConfigValue>> entries;  // map, in file order
  std::vector<SourceLocation> key_locations;                 // map: where each key was written
  SourceLocation location;

  const ConfigValue* find(const std::string& key) const;
  ConfigValue* find(const std::string& key);
};

// The view a factory gets of its part of the configuration: typed getters with defaults and
// the location of every key, so errors can name "exp.yaml:14:22: conv2d: 'filters' must be
// a positive integer". Every getter records the key as known; the host then calls
// reject_unknown_keys(), which names any key no getter asked for, with a suggestion.
class CNNLAB_API Config {
 public:
  Config();
  // `what` names the thing configured in messages ("layer 'conv2d'", "optimizer 'adam'").
  Config(ConfigValue map, std::string what, std::string base_dir = ".");

  bool has(const std::string& key) const;
  int64_t get_int(const std::string& key, std::optional<int64_t> fallback = std::nullopt) const;
  double get_double(const std::string& key, std::optional<double> fallback = std::nullopt) const;
  bool get_bool(const std::string& key, std::optional<bool> fallback = std::nullopt) const;
  std::string get_string(const std::string& key,
                         std::optional<std::string> fallback = std::nullopt) const;
  // One of `choices`; the error lists them.
  std::string get_choice(const std::string& key, const std::vector<std::string>& choices,
                         std::optional<std::string> fallback = std::nullopt) const;
  // A scalar n (meaning {n, n}) or a list of two: Keras' kernel_size / strides / pool_size.
  std::pair<int64_t, int64_t> get_pair(
      const std::string& key,
      std::optional<std::pair<int64_t, int64_t>> fallback = std::nullopt) const;
  std::vector<int64_t> get_int_list(
      const std::string& key, std::optional<std::vector<int64_t>> fallback = std::nullopt) const;
  std::vector<std::string> get_string_list(
      const std::string& key,
      std::optional<std::vector<std::string>> fallback = std::nullopt) const;
  // A path relative to the experiment file's folder unless absolute.
  std::string get_path(const std::string& key,
                       std::optional<std::string> fallback = std::nullopt) const;

  // Marks keys that the caller handles itself (e.g. "type", "when") as known.
  void accept(const std::vector<std::string>& keys) const;
  // Throws ConfigError naming the first key no getter asked for: "unknown key 'filter' for
  // layer 'conv2d' (did you mean 'filters'?)".
  void reject_unknown_keys() const;

  // Throws ConfigError at the key's location (or the map's, for a missing key).
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;
  SourceLocation location(const std::string& key) const;
  const SourceLocation& location() const { return value_.location; }
  const std::string& what() const { return what_; }
  const std::string& base_dir() const { return base_dir_; }
  const ConfigValue& value() const { return value_; }

 private:
  const ConfigValue* scalar_or_fail(const std::string& key) const;
  ConfigValue value_;
  std::string what_;
  std::string base_dir_;
  std::shared_ptr<std::set<std::string>> known_;
};

// The closest candidate by edit distance, or "" when nothing is close: for "did you mean".
CNNLAB_API std::string closest_match(const std::string& word,
                                     const std::vector<std::string>& candidates);

}  // namespace cnnlab

#include "optimizer_fixture.hpp"

namespace cnnlab::test {

Config make_config(const std::string& what, const Settings& settings) {
  ConfigValue map;
  map.kind = ConfigValue::Kind::map;
  map.location = {"exp.yaml", 1, 1};
  int column = 1;
  for (const auto& [key, text] : settings) {
    ConfigValue value;
    value.kind = ConfigValue::Kind::scalar;
    value.scalar = text;
    value.location = {"exp.yaml", 1, column + static_cast<int>(key.size()) + 2};
    map.entries.emplace_back(key, value);
    map.key_locations.push_back({"exp.yaml", 1, column});
    column += static_cast<int>(key.size() + text.size()) + 4;
  }
  return Config(map, what);
}

std::shared_ptr<Optimizer> make_optimizer(const std::string& type, const Settings& settings) {
  return plugin_host().make_optimizer(type, make_config("optimizer '" + type + "'", settings));
}

std::shared_ptr<Layer> make_layer(const std::string& type, const Settings& settings) {
  return plugin_host().make_layer(type, make_config("layer '" + type + "'", settings));
}

Parameter make_parameter(const std::vector<float>& values, const std::string& name) {
  Parameter p;
  p.name = name;
  p.value = Tensor({static_cast<int64_t>(values.size())});
  p.grad = Tensor({static_cast<int64_t>(values.size())});
  for (size_t i = 0; i < values.size(); ++i) p.value[i] = values[i];
  return p;
}

}  // namespace cnnlab::test

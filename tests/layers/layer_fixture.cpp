#include "layer_fixture.hpp"

#include "cnnlab/error.hpp"

namespace cnnlab::test {

namespace {
const char* kFile = "exp.yaml";

ConfigValue scalar_at(const std::string& text, size_t offset) {
  ConfigValue v;
  v.kind = ConfigValue::Kind::scalar;
  v.scalar = text;
  v.location = {kFile, 1, static_cast<int>(offset) + 1};
  return v;
}

// "[a, b]" becomes a list of scalars, anything else one scalar.
ConfigValue value_at(const std::string& text, size_t offset) {
  if (text.empty() || text.front() != '[') return scalar_at(text, offset);
  ConfigValue list;
  list.kind = ConfigValue::Kind::list;
  list.location = {kFile, 1, static_cast<int>(offset) + 1};
  size_t start = 1;
  while (start < text.size()) {
    size_t end = text.find_first_of(",]", start);
    if (end == std::string::npos) end = text.size();
    const size_t first = text.find_first_not_of(' ', start);
    if (first < end) list.items.push_back(scalar_at(text.substr(first, end - first), first));
    start = end + 1;
  }
  return list;
}
}  // namespace

ConfigValue inline_config(const std::string& text) {
  ConfigValue map;
  map.kind = ConfigValue::Kind::map;
  map.location = {kFile, 1, 1};
  size_t pos = 0;
  while ((pos = text.find_first_not_of(' ', pos)) != std::string::npos) {
    const size_t eq = text.find('=', pos);
    // A list value may contain spaces: it ends at its closing bracket.
    const bool is_list = eq + 1 < text.size() && text[eq + 1] == '[';
    const size_t end = is_list ? text.find(']', eq) + 1 : text.find(' ', eq);
    const size_t value_end = end == std::string::npos ? text.size() : end;
    map.entries.emplace_back(text.substr(pos, eq - pos),
                             value_at(text.substr(eq + 1, value_end - eq - 1), eq + 1));
    map.key_locations.push_back({kFile, 1, static_cast<int>(pos) + 1});
    pos = value_end;
  }
  return map;
}

std::shared_ptr<Layer> make_layer(const std::string& type, const std::string& settings) {
  return plugin_host().make_layer(type, Config(inline_config(settings), "layer '" + type + "'"));
}

LayerStack build_stack(const Shape& input, const std::vector<std::string>& spec, uint64_t seed) {
  LayerStack stack;
  stack.shapes.push_back(input);
  for (size_t i = 0; i < spec.size(); ++i) {
    const size_t space = spec[i].find(' ');
    const std::string type = spec[i].substr(0, space);
    auto layer = make_layer(type, space == std::string::npos ? "" : spec[i].substr(space + 1));
    Rng init = Rng::derive(seed, i);
    stack.shapes.push_back(layer->build(stack.shapes.back(), init));
    for (Parameter* p : layer->parameters())
      (p->trainable ? stack.trainable_params : stack.non_trainable_params) +=
          static_cast<int64_t>(p->value.size());
    stack.layers.push_back(std::move(layer));
  }
  return stack;
}

}  // namespace cnnlab::test

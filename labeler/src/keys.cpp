#include "labeler/keys.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

namespace cnnlab::label::key {

namespace {

struct NamedKey {
  const char* name;
  int code;
};

// The first entry for a code is its canonical name.
constexpr NamedKey kNamedKeys[] = {
    {"BackSpace", kBackSpace}, {"Tab", kTab},       {"Enter", kEnter},   {"Return", kEnter},
    {"KP_Enter", kEnter},      {"Esc", kEscape},    {"Escape", kEscape}, {"space", kSpace},
    {"Home", kHome},           {"Left", kLeft},     {"Up", kUp},         {"Right", kRight},
    {"Down", kDown},           {"PageUp", kPageUp}, {"Prior", kPageUp},  {"PageDown", kPageDown},
    {"Next", kPageDown},       {"End", kEnd},       {"Delete", kDelete},
};

constexpr int kX11Return = 65293, kX11KeypadEnter = 65421, kX11Tab = 65289, kX11BackSpace = 65288,
              kX11Escape = 65307;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

int normalize(int raw) {
  if (raw < 0) return -1;
  switch (raw) {
    case '\n':
    case kX11Return:
    case kX11KeypadEnter:
      return kEnter;
    case kX11Tab:
      return kTab;
    case kX11BackSpace:
      return kBackSpace;
    case kX11Escape:
      return kEscape;
    default:
      break;
  }
  if (raw >= 'A' && raw <= 'Z') return raw - 'A' + 'a';
  return raw;
}

std::optional<int> parse_name(const std::string& name) {
  if (name.size() == 1) {
    const unsigned char c = static_cast<unsigned char>(name[0]);
    if (std::isgraph(c)) return normalize(c);
    return std::nullopt;
  }
  const std::string wanted = lower(name);
  for (const auto& k : kNamedKeys)
    if (lower(k.name) == wanted) return k.code;
  return std::nullopt;
}

std::string name(int code) {
  for (const auto& k : kNamedKeys)
    if (k.code == code) return k.name;
  if (code > 32 && code < 127) return std::string(1, static_cast<char>(code));
  return "key" + std::to_string(code);
}

std::optional<int> class_index_of_digit(int code) {
  if (code == '0') return 9;
  if (code >= '1' && code <= '9') return code - '1';
  return std::nullopt;
}

}  // namespace cnnlab::label::key

#include "labeler/key_script.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "atomic_file.hpp"
#include "cnnlab/error.hpp"
#include "cnnlab/text.hpp"
#include "labeler/keys.hpp"

namespace cnnlab::label {

namespace {

const char* const kSpellings[] = {"BackSpace", "Tab",   "Enter",    "Return", "Esc",   "Escape",
                                  "space",     "Home",  "Left",     "Up",     "Right", "Down",
                                  "PageUp",    "Prior", "PageDown", "Next",   "End",   "Delete"};

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                        std::tolower(static_cast<unsigned char>(b[j - 1]));
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string suggestion(const std::string& name) {
  std::string best;
  size_t best_distance = 3;
  for (const char* s : kSpellings) {
    const size_t d = edit_distance(name, s);
    if (d < best_distance) {
      best_distance = d;
      best = s;
    }
  }
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

}  // namespace

std::vector<ScriptedKey> read_key_script(const std::string& path) {
  const std::string unreadable = unreadable_text_file(path);
  if (!unreadable.empty()) throw ConfigError("script " + unreadable);
  std::ifstream in(path);
  if (!in) throw ConfigError("cannot read script '" + path + "'");
  std::vector<ScriptedKey> keys;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    const std::string name = trim(line);
    if (name.empty() || name[0] == '#') continue;
    const auto code = key::parse_name(name);
    if (!code)
      throw ConfigError(SourceLocation{path, line_number, 0},
                        "unknown key name '" + name + "'" + suggestion(name));
    keys.push_back({*code, line_number});
  }
  return keys;
}

}  // namespace cnnlab::label

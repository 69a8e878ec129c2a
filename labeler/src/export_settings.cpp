#include "labeler/export_settings.hpp"

#include <fstream>
#include <sstream>

#include "atomic_file.hpp"
#include "cnnlab/error.hpp"
#include "cnnlab/text.hpp"

namespace cnnlab::label {

namespace {

std::string size_text(const ExportSettings& s) {
  return s.width > 0 ? std::to_string(s.width) + "x" + std::to_string(s.height) : "original";
}

template <typename T>
bool parse_number(const std::string& text, T& value) {
  std::istringstream in(text);
  return static_cast<bool>(in >> value) && in.eof();
}

}  // namespace

void parse_export_size(const std::string& text, ExportSettings& settings) {
  if (text == "original") {
    settings.width = settings.height = 0;
    return;
  }
  const auto x = text.find('x');
  int width = 0, height = 0;
  if (x == std::string::npos || !parse_number(text.substr(0, x), width) ||
      !parse_number(text.substr(x + 1), height) || width < 1 || height < 1 || width > 65535 ||
      height > 65535)
    throw ConfigError("size '" + text + "' is not WIDTHxHEIGHT (e.g. 64x64) or 'original'");
  settings.width = width;
  settings.height = height;
}

void check_test_split(double fraction) {
  if (!(fraction >= 0 && fraction < 1))
    throw ConfigError("test split " + std::to_string(fraction) + " is not in [0, 1)");
}

std::optional<ExportSettings> read_export_settings(const std::string& file) {
  const std::string unreadable = unreadable_text_file(file);
  if (!unreadable.empty()) throw DataError(unreadable);
  std::ifstream in(file);
  if (!in) return std::nullopt;
  ExportSettings s;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string text = trim(line);
    if (text.empty() || text[0] == '#') continue;
    const auto eq = text.find('=');
    const std::string where = file + ":" + std::to_string(number) + ": ";
    if (eq == std::string::npos) throw DataError(where + "expected 'key = value'");
    const std::string key = trim(text.substr(0, eq)), value = trim(text.substr(eq + 1));
    bool ok = true;
    if (key == "size") {
      try {
        parse_export_size(value, s);
      } catch (const ConfigError& e) {
        throw DataError(where + e.what());
      }
    } else if (key == "grayscale") {
      ok = value == "true" || value == "false";
      s.grayscale = value == "true";
    } else if (key == "test_split") {
      ok = parse_number(value, s.test_split) && s.test_split >= 0 && s.test_split < 1;
    } else if (key == "seed") {
      ok = parse_number(value, s.seed);
    } else {
      throw DataError(where + "unknown key '" + key + "'");
    }
    if (!ok) throw DataError(where + "bad value '" + value + "' for " + key);
  }
  return s;
}

void write_export_settings(const std::string& file, const ExportSettings& s) {
  std::ostringstream text;
  text << "# cnnlab-label export settings: used by every export until a command line changes them\n"
       << "size = " << size_text(s) << "\n"
       << "grayscale = " << (s.grayscale ? "true" : "false") << "\n"
       << "test_split = " << s.test_split << "\n"
       << "seed = " << s.seed << "\n";
  write_file_atomically(file, text.str());
}

}  // namespace cnnlab::label

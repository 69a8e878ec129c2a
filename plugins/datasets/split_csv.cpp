#include "split_csv.hpp"

#include <filesystem>
#include <fstream>
#include <vector>

#include "cnnlab/error.hpp"
#include "cnnlab/text.hpp"

namespace cnnlab::datasets {

namespace {

// Splits one CSV line; returns false on an unterminated quote.
bool split_fields(const std::string& line, std::vector<std::string>& fields) {
  fields.assign(1, "");
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"' && trim(fields.back()).empty()) {
      fields.back().clear();
      quoted = was_quoted = true;
    } else if (c == ',') {
      if (!was_quoted) fields.back() = trim(fields.back());
      fields.emplace_back();
      was_quoted = false;
    } else if (!(was_quoted && (c == ' ' || c == '\t' || c == '\r'))) {
      fields.back() += c;
    }
  }
  if (!was_quoted) fields.back() = trim(fields.back());
  return !quoted;
}

}  // namespace

std::map<std::string, Split> read_split_csv(const std::string& path) {
  // A FIFO here blocked the run for ever, and /dev/zero (through a link) was read as one
  // endless line until memory ran out.
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw DataError(path + ": not a regular file");
  std::ifstream in(path);
  if (!in) throw DataError(path + ": cannot open");
  std::map<std::string, Split> splits;
  std::vector<std::string> fields;
  int line_number = 0;
  bool first_row = true;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line_number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
    if (trim(line).empty()) continue;
    const std::string where = path + ":" + std::to_string(line_number) + ": ";
    if (!split_fields(line, fields)) throw DataError(where + "unterminated quote");
    if (fields.size() != 2)
      throw DataError(where + "expected 2 fields (path,split), found " +
                      std::to_string(fields.size()));
    const bool header = first_row && fields[0] == "path" && fields[1] == "split";
    first_row = false;
    if (header) continue;
    if (fields[0].empty()) throw DataError(where + "empty path");
    if (fields[1] != "train" && fields[1] != "test")
      throw DataError(where + "split must be train or test, got '" + fields[1] + "'");
    const std::string key = std::filesystem::path(fields[0]).lexically_normal().generic_string();
    const Split split = fields[1] == "train" ? Split::train : Split::test;
    const auto [it, inserted] = splits.emplace(key, split);
    if (!inserted && it->second != split)
      throw DataError(where + "'" + fields[0] + "' is listed in both splits");
  }
  return splits;
}

}  // namespace cnnlab::datasets

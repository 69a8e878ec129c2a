#pragma once
// RFC 4180 CSV, as spreadsheet tools and Python's csv module read and write it.
#include <string>
#include <vector>

namespace cnnlab::label {

struct CsvRecord {
  std::vector<std::string> fields;
  int line = 0;  // 1-based line where the record starts
};

// Parses CSV text (quoted fields may hold commas, quotes and newlines; CRLF accepted; blank
// lines skipped). Throws DataError "<name>:<line>: ..." on an unterminated quote.
std::vector<CsvRecord> parse_csv(const std::string& text, const std::string& name);

// One field, quoted only when it holds a comma, quote, CR or LF.
std::string csv_field(const std::string& value);
// Fields joined by commas, ending in "\n".
std::string csv_row(const std::vector<std::string>& fields);

}  // namespace cnnlab::label

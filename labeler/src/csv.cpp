#include "labeler/csv.hpp"

#include "cnnlab/error.hpp"

namespace cnnlab::label {

std::vector<CsvRecord> parse_csv(const std::string& text, const std::string& name) {
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  bool in_quotes = false, field_started = false;
  int line = 1, quote_line = 0;
  record.line = 1;

  auto end_field = [&] {
    record.fields.push_back(field);
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    const bool blank = record.fields.empty() && field.empty() && !field_started;
    if (!blank) {
      end_field();
      records.push_back(record);
    }
    record = CsvRecord{};
    record.line = line;
  };

  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      in_quotes = true;
      field_started = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n') {
      ++line;
      end_record();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else {
      field += c;
      field_started = true;
    }
  }
  if (in_quotes) throw DataError(name + ":" + std::to_string(quote_line) + ": unterminated quote");
  end_record();
  return records;
}

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string row;
  for (size_t i = 0; i < fields.size(); ++i) row += (i ? "," : "") + csv_field(fields[i]);
  return row + "\n";
}

}  // namespace cnnlab::label

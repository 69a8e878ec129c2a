#include "cnnlab/host/table_format.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "../util/json_text.hpp"

namespace cnnlab {

namespace {

// Columns line up on screen when measured in characters, not bytes ("±", "é").
size_t display_width(const std::string& text) {
  size_t width = 0;
  for (char c : text) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return width;
}

bool is_number(const Cell& cell) {
  return cell.type == Cell::Type::integer || cell.type == Cell::Type::real;
}

// Full precision for machines: what they read back is what was stored.
std::string exact_text(const Cell& cell) {
  switch (cell.type) {
    case Cell::Type::null:
      return "";
    case Cell::Type::integer:
      return std::to_string(cell.integer);
    case Cell::Type::real:
      return std::isfinite(cell.real) ? json_number(cell.real) : "";
    case Cell::Type::text:
      return cell.text;
  }
  return "";
}

std::string csv_field(const std::string& text) {
  const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string::npos ||
                            (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!needs_quotes) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string json_value(const Cell& cell) {
  switch (cell.type) {
    case Cell::Type::null:
      return "null";
    case Cell::Type::integer:
      return std::to_string(cell.integer);
    case Cell::Type::real:
      return json_number(cell.real);
    case Cell::Type::text:
      return json_quote(cell.text);
  }
  return "null";
}

void write_text(std::ostream& out, const ResultTable& table) {
  if (table.rows.empty()) {
    out << "(no rows)\n";
    return;
  }
  std::vector<size_t> widths;
  for (const auto& name : table.columns) widths.push_back(display_width(name));
  std::vector<std::vector<std::string>> shown;
  for (const auto& row : table.rows) {
    shown.emplace_back();
    for (size_t c = 0; c < row.size(); ++c) {
      shown.back().push_back(display_cell(row[c]));
      widths[c] = std::max(widths[c], display_width(shown.back().back()));
    }
  }
  // A column is right-aligned when it holds numbers.
  std::vector<bool> right(table.columns.size(), false);
  for (const auto& row : table.rows)
    for (size_t c = 0; c < row.size(); ++c) right[c] = right[c] || is_number(row[c]);
  const auto write_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::string padding(widths[c] - display_width(cells[c]), ' ');
      line += (c ? "  " : "") + (right[c] ? padding + cells[c] : cells[c] + padding);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  };
  write_row(table.columns);
  for (const auto& row : shown) write_row(row);
}

void write_csv(std::ostream& out, const ResultTable& table) {
  for (size_t c = 0; c < table.columns.size(); ++c)
    out << (c ? "," : "") << csv_field(table.columns[c]);
  out << "\n";
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << csv_field(exact_text(row[c]));
    out << "\n";
  }
}

void write_json(std::ostream& out, const ResultTable& table) {
  out << "[";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    out << (r ? ",\n  {" : "\n  {");
    for (size_t c = 0; c < table.columns.size(); ++c)
      out << (c ? ", " : "") << json_quote(table.columns[c]) << ": "
          << json_value(table.rows[r][c]);
    out << "}";
  }
  out << (table.rows.empty() ? "]\n" : "\n]\n");
}

}  // namespace

TableFormat parse_table_format(const std::string& text, bool allow_table) {
  if (text == "csv") return TableFormat::csv;
  if (text == "json") return TableFormat::json;
  if (text == "table" && allow_table) return TableFormat::table;
  throw ConfigError("--format must be " +
                    std::string(allow_table ? "table, csv or json" : "csv or json") + ", not '" +
                    text + "'");
}

std::string display_cell(const Cell& cell) {
  switch (cell.type) {
    case Cell::Type::null:
      return "-";
    case Cell::Type::integer:
      return std::to_string(cell.integer);
    case Cell::Type::real: {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.4f", cell.real);
      return buffer;
    }
    case Cell::Type::text: {
      // One line per row: control characters (a multi-line error) become spaces.
      std::string text = cell.text;
      for (char& c : text)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
      return text;
    }
  }
  return "";
}

void write_table(std::ostream& out, const ResultTable& table, TableFormat format) {
  switch (format) {
    case TableFormat::table:
      write_text(out, table);
      return;
    case TableFormat::csv:
      write_csv(out, table);
      return;
    case TableFormat::json:
      write_json(out, table);
      return;
  }
}

}  // namespace cnnlab

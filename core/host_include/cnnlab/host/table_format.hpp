#pragma once
// Printing result tables (`runs list`, `runs export`) as an aligned text table, CSV (RFC 4180)
// or JSON (an array of objects, numbers as numbers, NULL as null).
#include <ostream>
#include <string>

#include "cnnlab/export.hpp"
#include "cnnlab/host/store_records.hpp"

namespace cnnlab {

enum class TableFormat { table, csv, json };

// "table", "csv" or "json" (only the last two when !allow_table); ConfigError otherwise.
CNNLAB_API TableFormat parse_table_format(const std::string& text, bool allow_table = true);

CNNLAB_API void write_table(std::ostream& out, const ResultTable& table, TableFormat format);

// A cell as the text table shows it: reals with 4 decimals, NULL as "-".
CNNLAB_API std::string display_cell(const Cell& cell);

}  // namespace cnnlab

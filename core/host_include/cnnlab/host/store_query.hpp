#pragma once
// What `cnnlab runs list` asks the store: filters, a --where expression and the sort order.
// Column names come from a whitelist and every value is bound as an SQL parameter, so no
// user text ever becomes SQL.
#include <cstdint>
#include <string>
#include <vector>

#include "cnnlab/export.hpp"

namespace cnnlab {

// One `COLUMN OP VALUE` term of --where. op is one of = != < <= > >= ~ (~ is SQL LIKE).
struct WhereTerm {
  std::string column;
  std::string op;
  std::string value;
};

// Parses `val_accuracy>0.9 and variant ~ 'bn%'`: terms joined by `and` (any case). A value is
// either quoted ('...' or "...", the quote doubled inside) or everything up to the next
// ` and ` / the end, trimmed. Throws ConfigError on bad syntax and on a column that
// run_list_columns() does not have (with a suggestion).
CNNLAB_API std::vector<WhereTerm> parse_where(const std::string& text);

// The columns of `runs list`, which are also those --where and --sort accept.
CNNLAB_API const std::vector<std::string>& run_list_columns();

struct RunQuery {
  std::string experiment;  // empty: all
  std::string status;      // empty: all
  std::vector<WhereTerm> where;
  std::string sort = "id";  // a run_list_columns() name
  bool descending = false;
  int64_t limit = 0;  // 0: no limit
};

// Fills sort/descending from `--sort COL` or `--sort -COL`; throws ConfigError on an unknown
// column (with a suggestion).
CNNLAB_API void parse_sort(const std::string& text, RunQuery& query);

}  // namespace cnnlab

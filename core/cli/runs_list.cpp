#include <iostream>

#include "cnnlab/host/table_format.hpp"
#include "runs_subcommands.hpp"

namespace cnnlab::cli {

namespace {

std::string columns_help() {
  std::string list;
  for (const auto& c : run_list_columns()) list += (list.empty() ? "" : ", ") + c;
  return list;
}

}  // namespace

int runs_list(const Args& args) {
  std::string db, where, sort = "id", format = "table";
  RunQuery query;
  po::options_description options("options");
  add_db_option(options, db);
  options.add_options()("experiment", po::value<std::string>(&query.experiment),
                        "only runs of this experiment")(
      "status", po::value<std::string>(&query.status),
      "only runs with this status (running, completed, failed, interrupted, diverged, "
      "incomplete)")(
      "where", po::value<std::string>(&where),
      ("filter: COL OP VALUE [and ...], OP one of = != < <= > >= ~ (~ is SQL LIKE: % any "
       "text, _ one character); quote values holding ' and ': variant = 'a and b'. "
       "Columns: " +
       columns_help())
          .c_str())("sort", po::value<std::string>(&sort)->default_value("id"),
                    "sort by a column; -COL for descending")(
      "limit", po::value<int64_t>(&query.limit)->default_value(0), "at most N runs (0: all)")(
      "format", po::value<std::string>(&format)->default_value("table"), "table, csv or json");
  po::variables_map vm;
  if (!parse_args(args, options, {},
                  "cnnlab runs list [--experiment NAME] [--status S] [--where EXPR] "
                  "[--sort [-]COL] [--limit N] [--format table|csv|json] [--db PATH]",
                  vm))
    return 0;
  const TableFormat table_format = parse_table_format(format);
  if (!query.status.empty()) parse_run_status(query.status);
  if (!where.empty()) query.where = parse_where(where);
  parse_sort(sort, query);
  const auto store = open_history(db);
  write_table(std::cout, store.list_runs(query), table_format);
  return 0;
}

}  // namespace cnnlab::cli

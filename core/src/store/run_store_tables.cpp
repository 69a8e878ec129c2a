// The table-shaped queries of RunStore: `runs list` (filtered, sorted) and the exports.
// User text reaches SQL only as bound parameters; column names only from kListColumns.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "../util/json_text.hpp"
#include "cnnlab/config.hpp"
#include "run_store_impl.hpp"

namespace cnnlab {

namespace {

struct ListColumn {
  const char* name;
  const char* sql;  // its expression over runs r, experiments e and folds f
  bool numeric;
};

// One row per run, fold metrics averaged over the run's folds. `seconds` is wall time from
// start to finish (or to the last heartbeat while running or after a crash).
const ListColumn kListColumns[] = {
    {"id", "r.id", true},
    {"uuid", "substr(r.uuid, 1, 8)", false},
    {"experiment", "e.name", false},
    {"variant", "r.variant", false},
    {"status", "r.status", false},
    {"started", "r.started_at", false},
    {"folds", "COUNT(f.fold)", true},
    // done/planned; a distributed run's cell histories count too while its merge is pending
    {"cells", "COUNT(f.fold) || '/' || COALESCE(NULLIF(r.cells, 0), COUNT(f.fold))", false},
    {"val_loss", "AVG(f.val_loss)", true},
    {"val_accuracy", "AVG(f.val_accuracy)", true},
    {"test_accuracy", "AVG(f.test_accuracy)", true},
    {"best_epoch", "AVG(f.best_epoch)", true},
    {"seconds",
     "ROUND((julianday(COALESCE(r.finished_at, r.heartbeat_at)) - julianday(r.started_at)) "
     "* 86400.0, 3)",
     true},
};

const ListColumn& list_column(const std::string& name) {
  for (const auto& column : kListColumns)
    if (name == column.name) return column;
  // parse_where and parse_sort already reject unknown names; this guards direct callers.
  throw ConfigError("unknown run list column '" + name + "'");
}

struct Binding {
  bool numeric = false;
  double number = 0;
  std::string text;
};

Binding term_binding(const WhereTerm& term, const ListColumn& column) {
  Binding binding;
  if (!column.numeric) {
    binding.text = term.value;
    return binding;
  }
  if (term.op == "~")
    throw ConfigError("--where: '~' (LIKE) compares text; '" + term.column + "' is a number");
  char* end = nullptr;
  binding.number = std::strtod(term.value.c_str(), &end);
  if (term.value.empty() || *end != '\0')
    throw ConfigError("--where: '" + term.column + "' is a number, not '" + term.value + "'");
  binding.numeric = true;
  return binding;
}

std::string sql_operator(const std::string& op) { return op == "~" ? "LIKE" : op; }

ResultTable read_table(store::Statement& statement) {
  ResultTable table;
  for (int c = 0; c < statement.column_count(); ++c)
    table.columns.push_back(statement.column_name(c));
  while (statement.step()) {
    std::vector<Cell> row;
    for (int c = 0; c < statement.column_count(); ++c) row.push_back(statement.cell(c));
    table.rows.push_back(std::move(row));
  }
  return table;
}

Cell text_cell(const std::string& text) {
  Cell cell;
  cell.type = Cell::Type::text;
  cell.text = text;
  return cell;
}

// Turns the params_json column into one `param_NAME` column per parameter name seen in any
// run, so that pandas can group by them.
void expand_params(ResultTable& table) {
  size_t json_column = 0;
  while (json_column < table.columns.size() && table.columns[json_column] != "params_json")
    ++json_column;
  if (json_column == table.columns.size()) return;
  std::vector<std::string> names;
  std::set<std::string> seen;
  std::vector<NameValues> params;
  for (const auto& row : table.rows) {
    params.push_back(parse_flat_json_object(row[json_column].text));
    for (const auto& [name, value] : params.back())
      if (seen.insert(name).second) names.push_back(name);
  }
  for (const auto& name : names) table.columns.push_back("param_" + name);
  for (size_t r = 0; r < table.rows.size(); ++r)
    for (const auto& name : names) {
      Cell cell;
      for (const auto& [n, value] : params[r])
        if (n == name) cell = text_cell(value);
      table.rows[r].push_back(cell);
    }
}

}  // namespace

const std::vector<std::string>& run_list_columns() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const auto& column : kListColumns) list.push_back(column.name);
    return list;
  }();
  return names;
}

// The per-run rows are built first, then filtered and sorted by their (whitelisted) output
// column names, so a filter on a fold mean reads like one on a run column.
ResultTable RunStore::list_runs(const RunQuery& query) const {
  if (query.limit < 0) throw ConfigError("--limit must be 0 (no limit) or positive");
  std::string rows;
  for (const auto& column : kListColumns)
    rows += std::string(rows.empty() ? "" : ", ") + column.sql + " AS " + column.name;
  rows = "SELECT " + rows +
         " FROM runs r JOIN experiments e ON e.id = r.experiment_id"
         " LEFT JOIN folds f ON f.run_id = r.id GROUP BY r.id";

  std::vector<std::string> conditions;
  std::vector<Binding> bindings;
  if (!query.experiment.empty()) {
    conditions.push_back("experiment = ?");
    bindings.push_back({false, 0, query.experiment});
  }
  if (!query.status.empty()) {
    conditions.push_back("status = ?");
    bindings.push_back({false, 0, to_string(parse_run_status(query.status))});
  }
  for (const auto& term : query.where) {
    const ListColumn& column = list_column(term.column);
    conditions.push_back(std::string(column.name) + " " + sql_operator(term.op) + " ?");
    bindings.push_back(term_binding(term, column));
  }
  std::string sql = "SELECT * FROM (" + rows + ")";
  for (size_t i = 0; i < conditions.size(); ++i) sql += (i ? " AND " : " WHERE ") + conditions[i];
  sql += std::string(" ORDER BY ") + list_column(query.sort).name +
         (query.descending ? " DESC" : " ASC") + " NULLS LAST, id LIMIT ?";

  auto statement = impl_->db.prepare(sql);
  int index = 1;
  for (const auto& binding : bindings) {
    if (binding.numeric)
      statement.bind(index++, binding.number);
    else
      statement.bind(index++, binding.text);
  }
  statement.bind(index, query.limit == 0 ? int64_t{-1} : query.limit);
  ResultTable table = read_table(statement);
  count_distributed_cells(table);
  return table;
}

// An incomplete run submitted with --slurm has finished cells in its run folder's cell
// histories before the merge brings them here: `cells` counts those too.
void RunStore::count_distributed_cells(ResultTable& table) const {
  const auto column = [&](const std::string& name) {
    return static_cast<size_t>(std::find(table.columns.begin(), table.columns.end(), name) -
                               table.columns.begin());
  };
  const size_t id = column("id"), status = column("status"), cells = column("cells");
  if (cells >= table.columns.size()) return;
  for (auto& row : table.rows) {
    if (row[status].text != "incomplete") continue;
    auto select = impl_->db.prepare("SELECT uuid, workdir, cells FROM runs WHERE id = ?");
    select.bind(1, row[id].integer);
    if (!select.step() || select.is_null(1)) continue;
    const std::string uuid = select.column_text(0);
    const std::filesystem::path folder = select.column_text(1);
    std::set<int64_t> done = store::folds_of_run(impl_->db, uuid);
    std::error_code ec;
    for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->path().extension() != ".db") continue;
      for (int64_t fold : store::folds_of_run_in(it->path().string(), uuid)) done.insert(fold);
    }
    row[cells].text = std::to_string(done.size()) + "/" + std::to_string(select.column_int(2));
  }
}

ResultTable RunStore::export_runs() const {
  auto statement = impl_->db.prepare(
      "SELECT r.id AS run_id, r.uuid, e.name AS experiment, r.variant, r.status, r.seed, "
      "r.started_at, r.finished_at, r.heartbeat_at, r.host, r.pid, r.process_start, r.threads, "
      "r.cnnlab_version, r.monitor, r.error, r.launch, r.fingerprint, r.variant_index, r.cells, "
      "r.workdir, r.data_identity, COUNT(f.fold) AS folds, AVG(f.best_epoch) AS best_epoch, "
      "AVG(f.stopped_epoch) AS stopped_epoch, AVG(f.val_loss) AS val_loss, "
      "AVG(f.val_accuracy) AS val_accuracy, AVG(f.test_loss) AS test_loss, "
      "AVG(f.test_accuracy) AS test_accuracy, SUM(f.train_seconds) AS train_seconds, "
      "r.params_json, r.config_yaml, r.resolved_yaml "
      "FROM runs r JOIN experiments e ON e.id = r.experiment_id "
      "LEFT JOIN folds f ON f.run_id = r.id GROUP BY r.id ORDER BY r.id");
  ResultTable table = read_table(statement);
  expand_params(table);
  return table;
}

ResultTable RunStore::export_folds() const {
  auto statement = impl_->db.prepare(
      "SELECT r.id AS run_id, r.uuid, e.name AS experiment, r.variant, f.fold, "
      "f.status, f.best_epoch, f.stopped_epoch, f.val_loss, f.val_accuracy, f.test_loss, "
      "f.test_accuracy, f.train_seconds, f.train_samples, f.validation_samples "
      "FROM folds f JOIN runs r ON r.id = f.run_id "
      "JOIN experiments e ON e.id = r.experiment_id ORDER BY r.id, f.fold");
  return read_table(statement);
}

ResultTable RunStore::export_epochs() const {
  auto statement = impl_->db.prepare(
      "SELECT r.id AS run_id, r.uuid, e.name AS experiment, r.variant, p.fold, p.epoch, "
      "p.loss, p.accuracy, p.val_loss, p.val_accuracy, p.seconds, p.learning_rate "
      "FROM epochs p "
      "JOIN runs r ON r.id = p.run_id JOIN experiments e ON e.id = r.experiment_id "
      "ORDER BY r.id, p.fold, p.epoch");
  return read_table(statement);
}

}  // namespace cnnlab

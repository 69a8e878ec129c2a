#include "launch_report.hpp"

namespace cnnlab::cli {

void print_launch_report(std::ostream& out, const ExperimentResult& result) {
  out << "\n" << comparison_table(result);
  if (!result.missing_cells.empty()) {
    out << "Incomplete: " << result.missing_cells.size() << " of " << result.cells.size()
        << " cells missing:";
    for (const CellPlan& cell : result.missing_cells) {
      out << " ";
      if (cell.index >= 0) out << cell.index << " ";
      out << "(" << cell.variant << (cell.fold > 0 ? ", fold " + std::to_string(cell.fold) : "")
          << ")";
    }
    out << "\n";
  }
  out << "Runs:";
  for (const auto& v : result.variants) out << " " << v.run_id;
  out << " (cnnlab runs show ID)\n";
}

}  // namespace cnnlab::cli

#include "runs_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "cnnlab/host/stats.hpp"

namespace cnnlab::cli {

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string mean_std(const std::vector<double>& values, int decimals) {
  std::vector<double> finite;
  for (double v : values)
    if (std::isfinite(v)) finite.push_back(v);
  if (finite.empty()) return "-";
  if (finite.size() == 1) return fixed(finite[0], decimals);
  return fixed(mean(finite), decimals) + " ± " + fixed(sample_std(finite), decimals);
}

std::string sparkline(const std::vector<double>& values) {
  static const char* const kBars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  double lo = INFINITY, hi = -INFINITY;
  for (double v : values)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  std::string line;
  for (double v : values) {
    if (!std::isfinite(v)) {
      line += " ";
      continue;
    }
    const double level = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    line += kBars[std::clamp(static_cast<int>(std::lround(level * 7)), 0, 7)];
  }
  return line;
}

Cell text_cell(const std::string& text) {
  Cell cell;
  cell.type = Cell::Type::text;
  cell.text = text;
  return cell;
}

Cell number_cell(double value) {
  if (std::isnan(value)) return {};
  Cell cell;
  cell.type = Cell::Type::real;
  cell.real = value;
  return cell;
}

Cell integer_cell(int64_t value) {
  Cell cell;
  cell.type = Cell::Type::integer;
  cell.integer = value;
  return cell;
}

}  // namespace cnnlab::cli

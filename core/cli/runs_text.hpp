#pragma once
// Text helpers shared by `runs show` and `runs compare`.
#include <string>
#include <vector>

#include "cnnlab/host/store_records.hpp"

namespace cnnlab::cli {

// `decimals` places; "-" for NaN.
std::string fixed(double value, int decimals = 4);
// "0.9123 ± 0.0040" over the finite values; just the mean for one value, "-" for none.
std::string mean_std(const std::vector<double>& values, int decimals = 4);
// One character per value, ▁ (lowest) to █ (highest); a space for NaN.
std::string sparkline(const std::vector<double>& values);

// Cells for tables printed with write_table: numbers are right-aligned, NaN shows as "-".
Cell text_cell(const std::string& text);
Cell number_cell(double value);
Cell integer_cell(int64_t value);

}  // namespace cnnlab::cli

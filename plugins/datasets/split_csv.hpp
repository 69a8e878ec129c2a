#pragma once
#include <map>
#include <string>

namespace cnnlab::datasets {

enum class Split { train, test };

// Reads a `split.csv` as cnnlab-label exports it: rows `path,split` with an optional header
// row, path relative to the dataset folder ("cat/img001.png"), split `train` or `test`.
// Fields may be double-quoted ("a,b.png"). Returns the split of each path, in generic
// (forward-slash) form. Throws DataError naming FILE:LINE for a malformed row.
std::map<std::string, Split> read_split_csv(const std::string& path);

}  // namespace cnnlab::datasets

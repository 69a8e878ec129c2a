#pragma once
// manifest.csv and split.csv, the two files next to the class folders.
//   manifest.csv: path,class,source,sha256   (path relative to DATASET_DIR, source absolute,
//                                             sha256 of the source file's bytes)
//   split.csv:    path,split                 (split is train or test)
#include <string>
#include <vector>

namespace cnnlab::label {

struct ManifestRow {
  std::string path;
  std::string class_name;
  std::string source;
  std::string sha256;
};

// A missing file gives no rows. Throws DataError "<file>:<line>: ..." when malformed.
std::vector<ManifestRow> read_manifest(const std::string& file);
void write_manifest(const std::string& file, const std::vector<ManifestRow>& rows);

struct SplitRow {
  std::string path;
  bool test = false;
};
std::vector<SplitRow> read_split(const std::string& file);
void write_split(const std::string& file, const std::vector<SplitRow>& rows);

}  // namespace cnnlab::label

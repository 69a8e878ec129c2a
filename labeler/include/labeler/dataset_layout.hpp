#pragma once
// Where things live in a DATASET_DIR: the journal and export settings the labeler keeps, and
// what the pipeline reads (`<class>/<image>`, manifest.csv, split.csv).
#include <string>

namespace cnnlab::label {

class DatasetLayout {
 public:
  explicit DatasetLayout(std::string root);
  const std::string& root() const { return root_; }
  std::string journal() const;                          // labels.journal
  std::string settings() const;                         // export.conf
  std::string manifest() const;                         // manifest.csv
  std::string split() const;                            // split.csv
  std::string file(const std::string& relative) const;  // root/relative

  // True for the names above: a class may not be called like one of them.
  static bool is_reserved_name(const std::string& name);

 private:
  std::string root_;
};

}  // namespace cnnlab::label

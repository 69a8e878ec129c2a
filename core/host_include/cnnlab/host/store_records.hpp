#pragma once
// The records the run store writes and reads back: what a run is, what each epoch and fold
// produced, and generic result tables for listings and exports.
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "cnnlab/error.hpp"
#include "cnnlab/export.hpp"

namespace cnnlab {

// A run store failure. Opening the wrong file (not a cnnlab history, newer schema, read-only,
// missing) and naming an unknown run are the user's to fix (exit code 2); SQLite failing
// underneath is a runtime error (exit code 1).
class CNNLAB_API StoreError : public Error {
 public:
  explicit StoreError(const std::string& message, int exit_code = 1);
  ~StoreError() override;
  int exit_code() const override;

 private:
  int exit_code_;
};

// `incomplete`: some of the run's cells (folds) have not arrived: a distributed run waiting
// for `cnnlab runs merge`, or cells that failed there.
enum class RunStatus { running, completed, failed, interrupted, diverged, incomplete };
CNNLAB_API std::string to_string(RunStatus status);
// Throws ConfigError listing the valid statuses.
CNNLAB_API RunStatus parse_run_status(const std::string& text);

constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();
// Confusion matrices are read back dense: more classes than this are not recorded (a
// 1000 x 1000 matrix is 8 MB; a hand-edited history cannot make one larger).
constexpr int64_t kMaxConfusionClasses = 1000;

// What the runner knows when a run (one variant of an experiment) starts.
struct RunStart {
  std::string experiment;
  std::string variant;
  uint64_t seed = 0;
  std::string config_yaml;    // the experiment file as written
  std::string resolved_yaml;  // the variant's fully resolved experiment
  // The variant's parameters as (name, value) text, in the order the experiment declares them:
  // what `cnnlab runs compare` shows side by side.
  std::vector<std::pair<std::string, std::string>> params;
  std::string monitor = "val_loss";  // the early-stopping metric, curved by `runs show`
  int threads = 0;
  std::string cnnlab_version;  // empty: this build's version_string()

  // The launch this run belongs to (one `cnnlab run`, local or spread over cells):
  // docs/SCALE_OUT.md.
  std::string uuid;           // empty: a fresh random uuid
  std::string launch;         // the launch's uuid, shared by its variants' runs
  std::string fingerprint;    // the experiment's fingerprint (resolved YAML and data identity)
  std::string data_identity;  // one line per data file: "<size> <mtime ns> <path>"
  int variant_index = 0;      // the variant's place in the experiment (0 is the baseline)
  int cells = 0;              // folds the run plans (1 without cross-validation)
  RunStatus status = RunStatus::running;
  std::string workdir;  // a distributed run's folder of cell histories (--slurm)
};

// One finished epoch. NaN (kNoValue) marks a metric that does not exist (no validation data)
// or is not finite (a diverged loss); it is stored as NULL.
struct EpochRecord {
  int epoch = 0;  // 1-based, as Keras prints
  double loss = kNoValue;
  double accuracy = kNoValue;
  double val_loss = kNoValue;
  double val_accuracy = kNoValue;
  double seconds = 0;
  double learning_rate = kNoValue;  // the rate the epoch trained with (schema v4)
};

// One finished fold: fold 0 for a run without cross-validation, else 1..k as the runner
// numbers them.
struct FoldRecord {
  int fold = 0;
  bool diverged = false;
  int best_epoch = 0;     // 1-based; 0 when no epoch was best (diverged at once)
  int stopped_epoch = 0;  // 1-based last epoch trained
  double val_loss = kNoValue;
  double val_accuracy = kNoValue;
  double test_loss = kNoValue;
  double test_accuracy = kNoValue;
  double train_seconds = 0;
  int64_t train_samples = 0;  // 0 when recorded before schema v3
  int64_t validation_samples = 0;
  // The test set's confusion matrix, rows the true class and columns the predicted one, with
  // the dataset's class names (schema v4). Both empty without a test set, for a dataset of more
  // than kMaxConfusionClasses classes, or for a fold recorded before v4.
  std::vector<std::string> class_names;
  std::vector<std::vector<int64_t>> test_confusion;
};

struct ArtifactRecord {
  int fold = 0;
  std::string kind;  // "model" for a fold's best model file, "saved_model" for save_model
  std::string path;
};

// A runs row with its experiment's name.
struct RunInfo {
  int64_t id = 0;
  std::string uuid;
  std::string experiment;
  std::string variant;
  RunStatus status = RunStatus::running;
  uint64_t seed = 0;
  std::string config_yaml;
  std::string resolved_yaml;
  std::vector<std::pair<std::string, std::string>> params;
  std::string monitor;
  std::string started_at;   // ISO 8601 UTC, "2024-05-01T12:00:00.000Z"
  std::string finished_at;  // empty while running
  std::string heartbeat_at;
  std::string host;
  int64_t pid = 0;
  int threads = 0;
  std::string cnnlab_version;
  std::string error;
  // Launch bookkeeping (schema v3; empty or 0 for runs recorded before it).
  std::string launch;
  std::string fingerprint;
  std::string data_identity;
  int variant_index = 0;
  int cells = 0;
  std::string workdir;
};

// Everything stored about one run.
struct RunDetail {
  RunInfo run;
  std::vector<FoldRecord> folds;                   // by fold number
  std::map<int, std::vector<EpochRecord>> epochs;  // fold -> epochs in order
  std::vector<ArtifactRecord> artifacts;
};

// What `runs merge` did with one source history.
struct MergeReport {
  int runs_added = 0;
  int folds_added = 0;
  std::vector<std::string> launches;  // uuids of the launches the source touched
};

// One value of a result table, typed so JSON keeps numbers as numbers.
struct Cell {
  enum class Type { null, integer, real, text };
  Type type = Type::null;
  int64_t integer = 0;
  double real = 0;
  std::string text;
};

// Rows of named columns: `runs list` and `runs export` print these as a table, CSV or JSON.
struct ResultTable {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

}  // namespace cnnlab

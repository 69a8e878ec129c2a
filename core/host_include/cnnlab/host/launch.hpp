#pragma once
// Cells, fingerprints and launches (docs/SCALE_OUT.md). A *cell* is one variant x one fold (one
// per variant without cross-validation): the unit of work that a checkpoint makes restartable
// and that a scheduler runs. A *launch* is one `cnnlab run`: one run per selected variant,
// whose uuids are derived from the launch's uuid, so cells recorded in separate histories
// (one per Slurm task) merge into the same runs.
#include <cstddef>
#include <string>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/host/experiment.hpp"
#include "cnnlab/plugin_host.hpp"

namespace cnnlab {

// What the experiment is: its fingerprint hashes the resolved YAML of every variant (with
// params, `--set` and `when:` applied; not the file's name, its comments, its layout or the
// order of its keys and of the `--set` options) and the identity of
// its data: the size and modification time of every file the dataset section names (a folder:
// each file in it, and each subfolder as its file count, total size and newest time).
struct ExperimentIdentity {
  std::string fingerprint;                // 64 hex digits (SHA-256)
  std::string data_identity;              // one line per file: "<bytes> <mtime ns> <path>"
  std::vector<std::string> variant_yaml;  // per variant, what the fingerprint hashed
  std::vector<std::string> data_paths;    // the files and folders the dataset sections name
};

// What the fingerprint hashes of one variant: its name, then its resolved YAML with the keys of
// every map in sorted order.
CNNLAB_API std::string variant_identity_yaml(const std::string& name, const ConfigValue& resolved);

CNNLAB_API ExperimentIdentity experiment_identity(const ExperimentSpec& spec,
                                                  const std::vector<ResolvedVariant>& variants);

// One line naming what differs between a recorded identity and the current one ("the data
// changed: /path/train.gz (size 1000 -> 999)", "the experiment changed: variant 'a':
// training.epochs ..."); empty when they are the same.
CNNLAB_API std::string identity_difference(const std::vector<std::string>& recorded_yaml,
                                           const std::string& recorded_data,
                                           const ExperimentIdentity& current,
                                           const std::vector<std::string>& variant_names);

struct CellPlan {
  int index = 0;          // 0-based over all variants in experiment order, then folds
  int variant_index = 0;  // the variant's place in the experiment
  std::string variant;
  int fold = 0;  // 0 without cross-validation, else 1..k
  size_t train_samples = 0;
  size_t validation_samples = 0;
};

// A uuid (RFC 9562 version 8) made from the SHA-256 of `text`: the same text, the same uuid.
CNNLAB_API std::string derived_uuid(const std::string& text);
// A run's uuid within a launch.
CNNLAB_API std::string run_uuid(const std::string& launch, const std::string& variant);

}  // namespace cnnlab

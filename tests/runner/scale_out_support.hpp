#pragma once
// What the scale-out tests share: a workspace with a K-fold experiment on generated strokes,
// `cnnlab` started in the background, and a run history written out as text without what may
// differ between equal runs (times, hosts, pids, ids, uuids).
#include <sys/types.h>

#include <string>
#include <vector>

#include "test_support.hpp"

namespace cnnlab::test {

// Two variants x 3 folds, 6 epochs with early stopping, on 1500 generated 16x16 strokes.
extern const char* const kScaleOutExperiment;

struct ScaleOutWorkspace {
  TempDir dir;
  ScaleOutWorkspace();
  std::string yaml() const { return dir.file("exp.yaml"); }
  // `cnnlab run exp.yaml --db <name>.db --models-dir <name>-models` plus `extra`.
  std::vector<std::string> run_args(const std::string& name,
                                    const std::vector<std::string>& extra = {}) const;
};

// Starts the built cnnlab with its output thrown away; returns its pid.
pid_t start_cnnlab(const std::vector<std::string>& args);
// kill -9 and reap; false when the process had ended by itself.
bool kill_hard(pid_t pid);
// How many epochs and folds the history holds now (0 while it cannot be read).
int committed_epochs(const std::string& db);
int committed_folds(const std::string& db);

// Every launch's runs in variant order: status, folds and epochs (metrics as hex floats), and
// each fold model's weights as a checksum. Equal texts: equal results, bit for bit.
std::string history_text(const std::string& db);

}  // namespace cnnlab::test

#include "scale_out_support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "cnnlab/host/model_file.hpp"
#include "cnnlab/host/run_store.hpp"
#include "synthetic_data.hpp"

namespace cnnlab::test {

const char* const kScaleOutExperiment = R"(name: strokes-scale
seed: 11
params: {dropout: 0.0}
dataset: {type: idx, path: data, classes: [horizontal, vertical, diagonal]}
model:
  layers:
    - {type: conv2d, filters: 12, kernel_size: 3, padding: same, activation: relu}
    - {type: maxpool2d, pool_size: 2}
    - {type: batchnorm}
    - {type: dropout, rate: "${dropout}", when: dropout}
    - {type: flatten}
    - {type: dense, units: 3, activation: softmax}
training:
  epochs: 6
  batch_size: 16
  optimizer: {type: adam, learning_rate: 0.005}
  early_stopping: {monitor: val_loss, patience: 3, restore_best_weights: true}
cross_validation: {folds: 3}
variants:
  - {name: plain}
  - {name: dropout, params: {dropout: 0.3}}
)";

ScaleOutWorkspace::ScaleOutWorkspace() {
  std::filesystem::create_directories(dir.file("data"));
  write_idx_dataset(dir.file("data"), 1500, 60, 5);
  write_file(yaml(), kScaleOutExperiment);
}

std::vector<std::string> ScaleOutWorkspace::run_args(const std::string& name,
                                                     const std::vector<std::string>& extra) const {
  std::vector<std::string> args{
      "run", yaml(), "--db", dir.file(name + ".db"), "--models-dir", dir.file(name + "-models")};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

pid_t start_cnnlab(const std::vector<std::string>& args) {
  std::vector<std::string> all{CNNLAB_EXE};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, all[0].c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start cnnlab");
  return pid;
}

bool kill_hard(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

namespace {

int count_rows(const std::string& db, bool folds) {
  if (!std::filesystem::exists(db)) return 0;
  try {
    auto store = RunStore::open_existing(db);
    return static_cast<int>((folds ? store.export_folds() : store.export_epochs()).rows.size());
  } catch (const std::exception&) {
    return 0;
  }
}

std::string hex(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", v);
  return buf;
}

uint32_t weights_crc(const std::string& path) {
  const ModelFile file = read_model_file(path);
  uLong crc = crc32(0L, Z_NULL, 0);
  for (const auto& [name, tensor] : file.tensors)
    crc = crc32(crc, reinterpret_cast<const Bytef*>(tensor.data()),
                static_cast<uInt>(tensor.size() * sizeof(float)));
  return static_cast<uint32_t>(crc);
}

}  // namespace

int committed_epochs(const std::string& db) { return count_rows(db, false); }
int committed_folds(const std::string& db) { return count_rows(db, true); }

std::string history_text(const std::string& db) {
  auto store = RunStore::open_existing(db);
  std::ostringstream out;
  std::vector<std::string> launches;
  for (const auto& row : store.list_runs({}).rows) {
    const RunInfo run = store.load_run(row[0].integer).run;
    if (std::find(launches.begin(), launches.end(), run.launch) == launches.end())
      launches.push_back(run.launch);
  }
  for (const auto& launch : launches) {
    out << "launch\n";
    for (const RunInfo& info : store.launch_runs(launch)) {
      const RunDetail run = store.load_run(info.id);
      out << run.run.variant << " " << to_string(run.run.status) << " " << run.run.fingerprint
          << "\n";
      for (const FoldRecord& f : run.folds)
        out << " fold " << f.fold << " " << f.diverged << " " << f.best_epoch << " "
            << f.stopped_epoch << " " << hex(f.val_loss) << " " << hex(f.val_accuracy) << " "
            << hex(f.test_loss) << " " << hex(f.test_accuracy) << " " << f.train_samples << " "
            << f.validation_samples << "\n";
      for (const auto& [fold, epochs] : run.epochs)
        for (const EpochRecord& e : epochs)
          out << "  epoch " << fold << "." << e.epoch << " " << hex(e.loss) << " "
              << hex(e.accuracy) << " " << hex(e.val_loss) << " " << hex(e.val_accuracy) << "\n";
      for (const ArtifactRecord& a : run.artifacts)
        out << " " << a.kind << " fold " << a.fold << " weights " << weights_crc(a.path) << "\n";
    }
  }
  return out.str();
}

}  // namespace cnnlab::test

#include "slurm_submit.hpp"

#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cnnlab/error.hpp"
#include "cnnlab/host/interrupt.hpp"
#include "cnnlab/text.hpp"

namespace cnnlab::cli {

namespace {

namespace fs = std::filesystem;

// POSIX shell quoting: 'text', with ' written as '\''.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string joined(const std::vector<std::string>& words) {
  std::string line;
  for (const auto& w : words) line += (line.empty() ? "" : " ") + quoted(w);
  return line;
}

// Slurm reads % in --output as a pattern (%x the job name, %a the array index): a literal one
// is written %%.
std::string slurm_literal(const std::string& path) {
  std::string out;
  for (char c : path) out += c == '%' ? std::string("%%") : std::string(1, c);
  return out;
}

// "0-3,5,7-8": Slurm's --array syntax for the cells.
std::string array_spec(const std::vector<CellPlan>& cells) {
  std::string spec;
  for (size_t i = 0; i < cells.size();) {
    size_t j = i;
    while (j + 1 < cells.size() && cells[j + 1].index == cells[j].index + 1) ++j;
    spec += (spec.empty() ? "" : ",") + std::to_string(cells[i].index) +
            (j > i ? "-" + std::to_string(cells[j].index) : "");
    i = j + 1;
  }
  return spec;
}

std::string job_script(const ExperimentSpec& spec, const LaunchCommand& command,
                       const std::string& launch, const std::string& fingerprint,
                       const fs::path& folder) {
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# One cell of launch " << launch << " of experiment '" << spec.name
    << "', written by cnnlab run --slurm.\n"
    << "# Each task records its cell in its own history; the merge job joins them.\n"
    << "#SBATCH --job-name=" << quoted("cnnlab-" + spec.name) << "\n"
    << "#SBATCH --output=" << quoted(slurm_literal((folder / "logs").string()) + "/cell-%a.log")
    << "\n"
    << "#SBATCH --chdir=" << quoted(fs::current_path().string()) << "\n"
    << "set -euo pipefail\n"
    << "cell=\"$SLURM_ARRAY_TASK_ID\"\n"
    << "exec " << joined(cell_command(command, launch, fingerprint)) << " --cell \"$cell\""
    << " --db " << quoted((folder / "cell-").string()) << "\"$cell\".db"
    << " --models-dir " << quoted((folder / "models").string())
    << " ${SLURM_CPUS_PER_TASK:+--threads \"$SLURM_CPUS_PER_TASK\"}\n";
  return s.str();
}

std::string merge_script(const ExperimentSpec& spec, const LaunchCommand& command,
                         const fs::path& folder) {
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# Merges the cell histories of this folder into the main history, written by cnnlab run "
       "--slurm.\n"
    << "#SBATCH --job-name=" << quoted("cnnlab-" + spec.name + "-merge") << "\n"
    << "#SBATCH --output=" << quoted(slurm_literal((folder / "logs" / "merge.log").string()))
    << "\n"
    << "#SBATCH --chdir=" << quoted(fs::current_path().string()) << "\n"
    << "set -euo pipefail\n"
    << "shopt -s nullglob\n"
    << "cells=(" << quoted(folder.string()) << "/cell-*.db)\n"
    << "if (( ${#cells[@]} == 0 )); then echo 'cnnlab: no cell finished'; exit 1; fi\n"
    << "exec " << quoted(own_executable()) << " runs merge \"${cells[@]}\" --into "
    << quoted(fs::absolute(command.db).string()) << "\n";
  return s.str();
}

void write_script(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw Error("cannot write " + path.string());
  fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
}

struct ProgramOutput {
  int status = 0;
  std::string text;  // stdout and stderr, without the last line end
};

ProgramOutput run_program(const std::string& program, const std::vector<std::string>& args) {
  std::string line = program;
  for (const auto& a : args) line += " " + quoted(a);
  FILE* pipe = nullptr;
  {
    // Otherwise the program would inherit our blocked SIGINT and ignore Ctrl-C.
    const InterruptSignalsUnblocked as_in_a_shell;
    pipe = ::popen((line + " 2>&1").c_str(), "r");
  }
  if (!pipe) throw Error("cannot run " + program);
  ProgramOutput result;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe)) result.text += buffer;
  result.status = ::pclose(pipe);
  while (!result.text.empty() && (result.text.back() == '\n' || result.text.back() == '\r'))
    result.text.pop_back();
  return result;
}

// Runs `sbatch --parsable ARGS`; returns the job id it prints.
std::string sbatch(const std::vector<std::string>& args) {
  std::vector<std::string> all{"--parsable"};
  all.insert(all.end(), args.begin(), args.end());
  const ProgramOutput r = run_program("sbatch", all);
  if (r.status != 0 || r.text.empty() ||
      r.text.find_first_not_of("0123456789;") != std::string::npos) {
    const std::string last =
        r.text.substr(r.text.rfind('\n') == std::string::npos ? 0 : r.text.rfind('\n') + 1);
    throw Error(
        "sbatch failed" + (last.empty() ? std::string() : ": " + last) +
        (WIFEXITED(r.status) && WEXITSTATUS(r.status) == 127 ? " (is Slurm installed?)" : ""));
  }
  return r.text.substr(0, r.text.find(';'));
}

// The jobs each submission of a launch made, one "ARRAY MERGE" line per submission.
fs::path jobs_file(const fs::path& folder) { return folder / "jobs"; }

// Those of the launch's jobs that Slurm still has queued or running.
std::vector<std::string> active_jobs(const fs::path& folder) {
  std::vector<std::string> active;
  std::ifstream in(jobs_file(folder));
  for (std::string job; in >> job;) {
    // An id Slurm no longer knows makes squeue fail: that job is over.
    const ProgramOutput r = run_program("squeue", {"--noheader", "--jobs=" + job, "--format=%T"});
    if (r.status == 0 && !r.text.empty()) active.push_back(job);
  }
  return active;
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// The run folder of a launch being resumed: where its cells were recorded.
fs::path resumed_folder(const ExperimentResult& prepared, const RunStore& store) {
  for (const VariantResult& v : prepared.variants) {
    const RunInfo run = store.load_run(v.run_id).run;
    if (!run.workdir.empty()) return run.workdir;
  }
  throw ConfigError("--slurm --resume: launch " + prepared.launch +
                    " was not submitted to Slurm (resume it without --slurm)");
}

}  // namespace

int submit_to_slurm(const ExperimentSpec& spec, const PluginHost& host, RunStore& store,
                    RunOptions options, const LaunchCommand& command, const SlurmOptions& slurm) {
  const fs::path runs_root = fs::absolute(fs::path(store.path()).parent_path() / "cnnlab-slurm");
  ExperimentResult prepared;
  fs::path folder;
  const bool resuming = !options.resume.empty();
  if (resuming) {
    options.prepare_only = true;
    prepared = run_experiment(spec, host, store, options);
    folder = resumed_folder(prepared, store);
    const std::vector<std::string> active = active_jobs(folder);
    if (!active.empty())
      throw ConfigError("--slurm --resume: launch " + prepared.launch + " still has job(s) " +
                        join(active, ", ") + " queued or running (squeue -j " + join(active, ",") +
                        "); wait for them to end or scancel them, then resume");
    for (const auto& entry : fs::directory_iterator(folder))
      if (entry.path().extension() == ".db") store.merge_from(entry.path().string());
    options.launch = prepared.launch;
    options.resume.clear();
    prepared = run_experiment(spec, host, store, options);
  } else {
    options.launch = new_uuid();
    folder = runs_root / options.launch;
    options.workdir = folder.string();
    options.prepare_only = !slurm.dry_run;
    if (slurm.dry_run) {
      const ExperimentPlan plan = plan_experiment(spec, host, options.variants);
      prepared.launch = options.launch;
      prepared.fingerprint = plan.identity.fingerprint;
      prepared.cells = prepared.missing_cells = plan.cells;
    } else {
      prepared = run_experiment(spec, host, store, options);
    }
  }
  if (prepared.missing_cells.empty()) {
    std::cout << "Launch " << prepared.launch << " has every cell; nothing to submit\n";
    return 0;
  }

  const std::string script =
      job_script(spec, command, prepared.launch, prepared.fingerprint, folder);
  const std::string merge = merge_script(spec, command, folder);
  std::string array = array_spec(prepared.missing_cells);
  if (slurm.max_parallel > 0) array += "%" + std::to_string(slurm.max_parallel);
  const auto array_args =
      with(slurm.sbatch_args, {"--array=" + array, (folder / "job.sh").string()});
  const auto merge_args =
      with(slurm.sbatch_args, {"--dependency=afterany:JOBID", (folder / "merge.sh").string()});
  if (slurm.dry_run) {
    std::cout << "# " << (folder / "job.sh").string() << "\n"
              << script << "\n# " << (folder / "merge.sh").string() << "\n"
              << merge << "\n"
              << "sbatch --parsable " << joined(array_args) << "\n"
              << "sbatch --parsable " << joined(merge_args) << "\n";
    return 0;
  }
  fs::create_directories(folder / "logs");
  fs::create_directories(folder / "models");
  write_script(folder / "job.sh", script);
  write_script(folder / "merge.sh", merge);
  std::string job;
  try {
    job = sbatch(array_args);
  } catch (const Error&) {
    // Nothing was submitted: a new launch leaves no runs and no folder behind.
    if (!resuming) {
      for (const VariantResult& v : prepared.variants) store.remove_run(v.run_id);
      std::error_code ec;
      fs::remove_all(folder, ec);
      fs::remove(folder.parent_path(), ec);  // cnnlab-slurm/, when this was its only launch
    }
    throw;
  }
  std::vector<std::string> merge_submit = merge_args;
  for (auto& a : merge_submit)
    if (a == "--dependency=afterany:JOBID") a = "--dependency=afterany:" + job;
  std::string merge_job;
  try {
    merge_job = sbatch(merge_submit);
  } catch (const Error& e) {
    std::ofstream(jobs_file(folder), std::ios::app) << job << "\n";
    throw Error(std::string(e.what()) + "; the cells were submitted as job array " + job +
                ": when it ends, merge with cnnlab runs merge " + (folder / "cell-*.db").string() +
                " --into " + store.path());
  }
  std::ofstream(jobs_file(folder), std::ios::app) << job << " " << merge_job << "\n";
  std::cout << "Launch " << prepared.launch << " of experiment " << spec.name << ": "
            << prepared.missing_cells.size() << " of " << prepared.cells.size()
            << " cells submitted as job array " << job << " (--array=" << array << "), merge job "
            << merge_job << "\n"
            << "Run folder " << folder.string() << "\n"
            << "Follow: squeue -j " << job << "," << merge_job << "    then: cnnlab runs list --db "
            << store.path() << "\n";
  return 0;
}

}  // namespace cnnlab::cli

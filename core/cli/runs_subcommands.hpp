#pragma once
// The subcommands of `cnnlab runs`, one file each; runs_command.cpp dispatches to them.
#include <string>
#include <vector>

#include "cnnlab/host/run_store.hpp"
#include "options.hpp"

namespace cnnlab::cli {

using Args = std::vector<std::string>;

int runs_list(const Args& args);
int runs_show(const Args& args);
int runs_compare(const Args& args);
int runs_export(const Args& args);
int runs_plot(const Args& args);
int runs_rm(const Args& args);
int runs_merge(const Args& args);
int runs_report(const Args& args);

// --db PATH, shared by every subcommand.
void add_db_option(po::options_description& options, std::string& db_flag);
// Opens the history named by --db / CNNLAB_DB / cnnlab.db for reading.
RunStore open_history(const std::string& db_flag);

}  // namespace cnnlab::cli

// Histories the querying user may not write (a read-only folder or file, another user's
// file) and a damaged row: `cnnlab runs` answers, leaves no file behind and reports the
// damage for the damaged run only.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "cnnlab/host/run_store.hpp"
#include "store_test_support.hpp"
#include "test_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;
namespace fs = std::filesystem;

namespace {

struct SharedHistory {
  TempDir dir;
  std::string folder = dir.file("shared");
  std::string db = folder + "/cnnlab.db";
  SharedHistory() {
    fs::create_directory(folder);
    auto store = RunStore::open(db);
    fill_history(store);
  }
  ~SharedHistory() {
    // TempDir must be able to remove what the test made read-only.
    fs::permissions(folder, fs::perms::owner_all);
    fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write);
  }
  std::set<std::string> files() const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
      names.insert(entry.path().filename().string());
    return names;
  }
};

const std::vector<std::vector<std::string>> kQueries{
    {"runs", "list"},
    {"runs", "show", "1"},
    {"runs", "export", "--format", "csv"},
    {"runs", "compare", "1", "2"},
};

void require_queries_work(const SharedHistory& h, const std::vector<std::string>& prefix = {}) {
  const auto before = h.files();
  const auto mtime = fs::last_write_time(h.db);
  for (auto args : kQueries) {
    args.push_back("--db");
    args.push_back(h.db);
    std::vector<std::string> argv = prefix;
    argv.push_back(CNNLAB_EXE);
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_process(argv);
    INFO(args[1] << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(h.files() == before);
  }
  CHECK(fs::last_write_time(h.db) == mtime);
}

bool can_run_as_nobody() {
  return ::geteuid() == 0 && fs::exists("/usr/bin/setpriv") &&
         run_process({"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                      "/bin/true"})
                 .exit_code == 0;
}

}  // namespace

TEST_CASE("a history in a read-only folder is queried without leaving files", "[store][shared]") {
  SharedHistory h;
  fs::permissions(h.folder, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                fs::perms::group_exec | fs::perms::others_read |
                                fs::perms::others_exec);
  require_queries_work(h);
}

TEST_CASE("a read-only history file is queried without leaving files", "[store][shared]") {
  SharedHistory h;
  fs::permissions(h.db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  require_queries_work(h);
}

TEST_CASE("another user's query leaves no file the owner cannot write", "[store][shared]") {
  if (!can_run_as_nobody()) {
    WARN("skipped: needs root and setpriv to run a query as another user");
    return;
  }
  SharedHistory h;
  // The folder and the file readable by everyone, writable by the owner only; the temp dir
  // above them must let `nobody` through.
  fs::permissions(h.dir.path(), fs::perms::others_exec, fs::perm_options::add);
  fs::permissions(h.folder, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(h.db, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                            fs::perms::others_read);
  require_queries_work(h,
                       {"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"});
  // Writable by the querying user too, the file is still left alone: it is not theirs.
  fs::permissions(h.folder, fs::perms::all);
  fs::permissions(h.db, fs::perms::all);
  require_queries_work(h,
                       {"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"});
}

TEST_CASE("a damaged params_json is reported on its run, every other run still answers",
          "[store][shared]") {
  SharedHistory h;
  sql_exec(h.db, "UPDATE runs SET params_json = '{\"dropout\": 0.2' WHERE id = 2");
  const auto db = std::vector<std::string>{"--db", h.db};
  const auto run = [&](std::vector<std::string> args) {
    args.insert(args.end(), db.begin(), db.end());
    const auto r = run_cnnlab(args);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    return r.out;
  };
  CHECK(run({"runs", "show", "1"}).find("damaged") == std::string::npos);
  CHECK(run({"runs", "show", "2"}).find("damaged_params_json") != std::string::npos);
  const std::string listed = run({"runs", "list", "--format", "csv"});
  CHECK(listed.find(",dropout,") != std::string::npos);  // run 2, the damaged one
  const std::string exported = run({"runs", "export", "--format", "csv"});
  CHECK(exported.find("params_json is not a flat JSON object") != std::string::npos);
  CHECK(run({"runs", "compare", "1", "3"}).find("damaged") == std::string::npos);
}

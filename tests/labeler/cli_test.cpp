// The real cnnlab-label binary, driven by --script --headless on generated images.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "label_images.hpp"
#include "labeler/journal.hpp"
#include "labeler/manifest.hpp"
#include "test_support.hpp"

using namespace cnnlab::label;
using namespace cnnlab::label::test;
using cnnlab::test::read_file;
using cnnlab::test::TempDir;
using cnnlab::test::write_file;
namespace fs = std::filesystem;

namespace {

// Starts cnnlab-label without waiting for it (output discarded); returns its pid.
pid_t start_label(const std::vector<std::string>& args) {
  std::vector<std::string> argv{CNNLAB_LABEL_EXE};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  return pid;
}

struct Workspace {
  TempDir dir;
  std::string photos = dir.file("photos");
  std::string dataset = dir.file("dataset");
  explicit Workspace(int images = 6) {
    std::vector<std::string> names;
    for (int i = 1; i <= images; ++i) names.push_back("img" + std::to_string(i) + ".png");
    write_textured_images(photos, names);
  }
  LabelRun label(const std::vector<std::string>& keys, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{photos,       "--out",    dataset,
                                  "--headless", "--script", write_script(dir.path(), keys)};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_label(args);
  }
  bool has(const std::string& relative) const { return fs::exists(dataset + "/" + relative); }
};

}  // namespace

TEST_CASE("cnnlab-label --version, --help and usage errors", "[labeler][cli]") {
  LabelRun r = run_label({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("cnnlab-label ", 0) == 0);
  r = run_label({"--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("--classes") != std::string::npos);
  CHECK(run_label({"export", "--help"}).exit_code == 0);
  CHECK(run_label({"report", "--help"}).exit_code == 0);
  r = run_label({});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("usage:") != std::string::npos);
  r = run_label({"photos", "--bogus"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.rfind("cnnlab-label: error: ", 0) == 0);
  CHECK(lines_of(r.err).size() == 1);
}

TEST_CASE("a headless script labels, skips, rejects, undoes and exports", "[labeler][cli]") {
  Workspace w;
  const LabelRun r =
      w.label({"1", "2", "1", "x", "s", "2", "BackSpace", "1", "q"}, {"--classes", "cat,dog"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("exported 4 image(s)") != std::string::npos);
  CHECK(w.has("cat/img1.png"));
  CHECK(w.has("dog/img2.png"));
  CHECK(w.has("cat/img3.png"));
  CHECK(w.has("cat/img6.png"));  // labelled dog, undone, labelled cat
  CHECK_FALSE(w.has("dog/img6.png"));
  CHECK_FALSE(w.has("cat/img4.png"));  // rejected
  CHECK_FALSE(w.has("cat/img5.png"));  // skipped
  CHECK(read_manifest(w.dataset + "/manifest.csv").size() == 4);
  CHECK(read_split(w.dataset + "/split.csv").size() == 4);
  const JournalContents journal = read_journal(w.dataset + "/labels.journal");
  CHECK(journal.classes == std::vector<std::string>{"cat", "dog"});
  CHECK(journal.source_dir == w.photos);
  CHECK(journal.actions.size() == 8);
}

TEST_CASE("a second run resumes from the journal and exports the change", "[labeler][cli]") {
  Workspace w;
  REQUIRE(w.label({"1", "1", "q"}, {"--classes", "cat,dog"}).exit_code == 0);
  // No IMAGE_DIR and no classes: both come from the journal. The session starts at img3.
  const std::string script = write_script(w.dir.path(), {"2", "Left", "Left", "2", "q"});
  const LabelRun r = run_label({"--out", w.dataset, "--headless", "--script", script});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(w.has("cat/img1.png"));
  CHECK(w.has("dog/img2.png"));  // relabelled: moved
  CHECK_FALSE(w.has("cat/img2.png"));
  CHECK(w.has("dog/img3.png"));
  CHECK(r.out.find("1 moved") != std::string::npos);
}

TEST_CASE("a journal torn by a crash is resumed with a warning", "[labeler][cli]") {
  Workspace w;
  REQUIRE(w.label({"1", "2", "q"}, {"--classes", "cat,dog"}).exit_code == 0);
  const std::string journal = w.dataset + "/labels.journal";
  write_file(journal, read_file(journal) + "label\timg3.pn");
  const LabelRun r = w.label({"1", "q"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("warning: " + journal + ": ignoring an incomplete last line") !=
        std::string::npos);
  CHECK(w.has("cat/img3.png"));
  CHECK(read_journal(journal).warning.empty());
}

TEST_CASE("classes come from a file and may only grow at the end", "[labeler][cli]") {
  Workspace w;
  write_file(w.dir.file("classes.txt"), "cat\ndog\n");
  REQUIRE(w.label({"2", "q"}, {"--classes-file", w.dir.file("classes.txt")}).exit_code == 0);
  LabelRun r = w.label({"q"}, {"--classes", "cat,bird"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("labelled with the classes cat,dog") != std::string::npos);
  r = w.label({"3", "q"}, {"--classes", "cat,dog,bird"});  // starts at img2, the first unlabelled
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(w.has("bird/img2.png"));
  r = w.label({"q"}, {"--classes", "cat", "--classes-file", w.dir.file("classes.txt")});
  CHECK(r.exit_code == 2);
}

TEST_CASE("bad scripts, options and folders are one-line errors with the right exit code",
          "[labeler][cli]") {
  Workspace w;
  write_file(w.dir.file("bad.txt"), "1\nRigth\n");
  LabelRun r = run_label({w.photos, "--out", w.dataset, "--classes", "a", "--headless", "--script",
                          w.dir.file("bad.txt")});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("bad.txt:2: unknown key name 'Rigth' (did you mean 'Right'?)") !=
        std::string::npos);
  CHECK(lines_of(r.err).size() == 1);

  r = run_label({w.photos, "--out", w.dataset, "--classes", "a", "--headless"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--headless needs --script") != std::string::npos);

  const std::string quit = write_script(w.dir.path(), {"q"});
  r = run_label({w.dir.file("nowhere"), "--out", w.dataset, "--classes", "a", "--headless",
                 "--script", quit});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("is not a folder") != std::string::npos);

  r = w.label({"q"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no classes") != std::string::npos);

  r = w.label({"q"}, {"--classes", "a", "--order", "uncertain"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--guesses") != std::string::npos);

  r = run_label({w.photos, "--out", w.photos, "--classes", "a", "--headless", "--script", quit});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("is inside DATASET_DIR") != std::string::npos);
  CHECK_FALSE(fs::exists(w.photos + "/labels.journal"));
  r = run_label(
      {w.photos, "--out", w.dir.path(), "--classes", "a", "--headless", "--script", quit});
  CHECK(r.exit_code == 2);

  fs::create_directories(w.dir.file("empty"));
  r = run_label({w.dir.file("empty"), "--out", w.dir.file("ds2"), "--classes", "a", "--headless",
                 "--script", quit});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no images") != std::string::npos);
}

TEST_CASE("without a display the window is refused with a clear error, not an abort",
          "[labeler][cli]") {
  Workspace w;
  LabelRun r = run_label({w.photos, "--out", w.dataset, "--classes", "a"},
                         {"DISPLAY=", "WAYLAND_DISPLAY=", "QT_QPA_PLATFORM="});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("cnnlab-label: error: cannot open a window: no display") == 0);
  CHECK_FALSE(fs::exists(w.dataset + "/labels.journal"));  // refused before touching the dataset
  r = run_label({w.photos, "--out", w.dataset, "--classes", "a"},
                {"DISPLAY=:97", "QT_QPA_PLATFORM="});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("cannot connect to the X display ':97'") != std::string::npos);
  r = run_label({w.photos, "--out", w.dataset, "--classes", "a"},
                {"DISPLAY=", "WAYLAND_DISPLAY=wayland-0", "QT_QPA_PLATFORM="});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("WAYLAND_DISPLAY is set but DISPLAY is not") != std::string::npos);
}

TEST_CASE("the export command resizes, converts to grayscale and remembers it", "[labeler][cli]") {
  Workspace w;
  REQUIRE(w.label({"1", "1", "2", "2", "q"}, {"--classes", "cat,dog"}).exit_code == 0);
  LabelRun r = run_label({"export", w.dataset, "--size", "16x12", "--grayscale", "--test-split",
                          "0.5", "--seed", "3"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("4 rewritten") != std::string::npos);
  CHECK(r.out.find("2 train, 2 test") != std::string::npos);
  CHECK(read_file(w.dataset + "/export.conf").find("size = 16x12") != std::string::npos);
  r = run_label({"export", w.dataset});
  CHECK(r.out.find("4 unchanged") != std::string::npos);
  CHECK(r.out.find("2 train, 2 test") != std::string::npos);

  // The next labelling session exports with the remembered settings too.
  REQUIRE(w.label({"1", "q"}).exit_code == 0);
  const auto split = read_split(w.dataset + "/split.csv");
  CHECK(split.size() == 5);

  r = run_label({"export", w.dir.file("nothing")});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("has no labels.journal") != std::string::npos);
  r = run_label({"export", w.dataset, "--size", "big"});
  CHECK(r.exit_code == 2);
  r = run_label({"export", w.dataset, "--test-split", "1.5"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("the report command lists counts, duplicates and dark images", "[labeler][cli]") {
  Workspace w(3);
  write_file(w.photos + "/img4.png", read_file(w.photos + "/img1.png"));
  write_image(w.photos + "/night.png", flat_image(64, 48, 5));
  // Sorted: img1 img2 img3 img4 night
  REQUIRE(w.label({"1", "2", "1", "2", "1", "q"}, {"--classes", "cat,dog,bird"}).exit_code == 0);
  const LabelRun r = run_label({"report", w.dataset});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("5 images: 5 labelled, 0 skipped, 0 rejected, 0 unlabelled") !=
        std::string::npos);
  CHECK(r.out.find("  cat    3") != std::string::npos);
  CHECK(r.out.find("  bird   0  (none yet)") != std::string::npos);
  CHECK(r.out.find("exact duplicates (same bytes): 1 group(s)\n  img1.png [cat] img4.png [dog]  "
                   "(different classes)") != std::string::npos);
  CHECK(r.out.find("very dark (mean gray < 40): 1\n  night.png [cat]") != std::string::npos);

  // Any <class>/<image> folder without a journal is reported from its folders.
  const LabelRun folders = run_label({"report", w.photos + "/.."});
  CHECK(folders.exit_code == 0);
}

TEST_CASE("ordering by uncertainty presents the least confident guess first and Enter accepts it",
          "[labeler][cli][guess]") {
  Workspace w(4);
  write_file(w.dir.file("guesses.csv"),
             "image,class,probability\nimg1.png,cat,0.99\nimg2.png,dog,0.40\nimg3.png,cat,0.75\n");
  // Order: img2 (0.40), img3 (0.75), img1 (0.99), img4 (no guess).
  const LabelRun r = w.label(
      {"Enter", "Enter", "2", "Enter", "1", "q"},
      {"--classes", "cat,dog", "--order", "uncertain", "--guesses", w.dir.file("guesses.csv")});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(w.has("dog/img2.png"));
  CHECK(w.has("cat/img3.png"));
  CHECK(w.has("dog/img1.png"));  // the guess was overruled
  CHECK(w.has("cat/img4.png"));  // Enter without a guess did nothing; 1 labelled it
}

TEST_CASE("the review grid relabels through a script", "[labeler][cli][review]") {
  Workspace w(4);
  // Label all cat, open the grid of cats, select the second tile, relabel it dog, leave.
  const LabelRun r =
      w.label({"1", "1", "1", "1", "Home", "r", "Right", "2", "r", "q"}, {"--classes", "cat,dog"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(w.has("dog/img2.png"));
  CHECK(w.has("cat/img1.png"));
}

TEST_CASE("the stats option prints key-to-frame latency", "[labeler][cli]") {
  Workspace w(3);
  const LabelRun r = w.label({"1", "Right", "Left", "q"}, {"--classes", "a", "--stats"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("cnnlab-label: stats: 3 frames, key-to-frame median") != std::string::npos);
}

TEST_CASE("unreadable files are listed once and skipped", "[labeler][cli]") {
  Workspace w(2);
  write_file(w.photos + "/broken.jpg", "garbage");
  const LabelRun r = w.label({"1", "1", "1", "q"}, {"--classes", "a"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("skipping 1 file(s) that are not readable images:\n  broken.jpg") !=
        std::string::npos);
  CHECK(read_manifest(w.dataset + "/manifest.csv").size() == 2);
}

TEST_CASE("kill -9 in the middle of labelling loses at most the key being processed",
          "[labeler][cli]") {
  Workspace w(20);
  const std::string script = write_script(w.dir.path(), std::vector<std::string>(20, "1"));
  const std::string key_log = w.dir.file("keys.log");
  const pid_t pid = start_label({w.photos, "--out", w.dataset, "--classes", "a,b", "--headless",
                                 "--script", script, "--script-delay", "60", "--key-log", key_log});
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFSIGNALED(status)) WARN("cnnlab-label finished before it was killed");

  // Every handled key was journaled first; at most one journaled key was not handled yet.
  const JournalContents journal = read_journal(w.dataset + "/labels.journal");
  const size_t handled = lines_of(read_file(key_log)).size();
  CHECK(journal.actions.size() >= handled);
  CHECK(journal.actions.size() <= handled + 1);

  // The next start resumes; what was labelled is exported.
  const LabelRun r = w.label({"q"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(read_manifest(w.dataset + "/manifest.csv").size() == journal.actions.size());
}

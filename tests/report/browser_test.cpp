// `cnnlab runs report` of a real history: choosing the runs, one-line errors, and the page
// opened in headless Chromium with no network: no console error, the table and every chart in
// the DOM after the scripts ran, a screenshot that is not blank. The browser test exits 77
// (skipped) when no Chromium is installed.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "synthetic_data.hpp"
#include "test_support.hpp"

using namespace cnnlab::test;

namespace {

const char* kExperiment = R"(name: strokes-report
seed: 5
dataset: {type: idx, path: data, classes: [horizontal, vertical, diagonal]}
model:
  layers:
    - {type: conv2d, filters: 4, kernel_size: 3, activation: relu}
    - {type: maxpool2d}
    - {type: flatten}
    - {type: dense, units: 3, activation: softmax}
training:
  epochs: 3
  batch_size: 20
  optimizer: {type: adam, learning_rate: "${lr}"}
cross_validation: {folds: 2}
grid: {lr: [0.01, 0.003]}
params: {lr: 0.01}
)";

std::string chromium() {
  for (const char* name : {"chromium", "chromium-browser"})
    for (const char* dir : {"/usr/bin/", "/usr/local/bin/", "/snap/bin/"})
      if (std::filesystem::exists(std::string(dir) + name)) return std::string(dir) + name;
  return "";
}

// Headless, no network, its own profile, at most a minute: a hung browser fails the test.
ProcessResult browse(const std::string& browser, const TempDir& dir,
                     const std::vector<std::string>& what, const std::string& page) {
  std::vector<std::string> argv{"/usr/bin/timeout",
                                "60",
                                browser,
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--enable-logging=stderr",
                                "--v=0",
                                "--user-data-dir=" + dir.file("profile"),
                                "--proxy-server=127.0.0.1:9"};
  argv.insert(argv.end(), what.begin(), what.end());
  argv.push_back("file://" + page);
  return run_process(argv);
}

// Chromium logs each console message as "...:CONSOLE(line)] message".
std::string console_lines(const std::string& log) {
  std::string lines;
  size_t start = 0;
  while (start < log.size()) {
    const size_t end = log.find('\n', start);
    const std::string line = log.substr(start, end == std::string::npos ? end : end - start);
    if (line.find("CONSOLE") != std::string::npos) lines += line + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

// A history of the two-variant experiment, trained once per process.
const TempDir& history() {
  static TempDir dir;
  static const bool ready = [] {
    std::filesystem::create_directories(dir.file("data"));
    write_idx_dataset(dir.file("data"), 90, 30, 2);
    write_file(dir.file("exp.yaml"), kExperiment);
    const auto trained = run_cnnlab({"run", dir.file("exp.yaml"), "--db", dir.file("h.db")});
    INFO(trained.err);
    REQUIRE(trained.exit_code == 0);
    return true;
  }();
  (void)ready;
  return dir;
}

}  // namespace

TEST_CASE("runs report picks runs by id or experiment and refuses bad requests in one line") {
  const TempDir& dir = history();
  const auto by_id = run_cnnlab(
      {"runs", "report", "2", "1", "--db", dir.file("h.db"), "-o", dir.file("ids.html")});
  INFO(by_id.err);
  REQUIRE(by_id.exit_code == 0);
  CHECK(by_id.out.find("(2 run(s))") != std::string::npos);
  CHECK(read_file(dir.file("ids.html")).find("<tr class=\"baseline\"><td>2</td>") !=
        std::string::npos);
  CHECK(run_cnnlab({"runs", "report", "--experiment", "strokes-report", "--db", dir.file("h.db"),
                    "-o", dir.file("exp.html")})
            .exit_code == 0);
  for (const auto& [args, code] : std::vector<std::pair<std::vector<std::string>, int>>{
           {{"--experiment", "nope"}, 2},
           {{"1", "--experiment", "strokes-report"}, 2},
           {{"99"}, 2},
           {{"-o", dir.file("missing/r.html")}, 2}}) {
    std::vector<std::string> argv{"runs", "report", "--db", dir.file("h.db")};
    argv.insert(argv.end(), args.begin(), args.end());
    if (std::find(args.begin(), args.end(), "-o") == args.end())
      argv.insert(argv.end(), {"-o", dir.file("bad.html")});
    const auto r = run_cnnlab(argv);
    INFO(r.err);
    CHECK(r.exit_code == code);
    CHECK(r.err.rfind("cnnlab: error: ", 0) == 0);
    CHECK(r.err.find('\n') == r.err.size() - 1);
  }
  CHECK(!std::filesystem::exists(dir.file("bad.html")));
}

TEST_CASE("the report opens in headless Chromium without errors, every chart in the DOM") {
  const std::string browser = chromium();
  if (browser.empty()) {
    WARN("no chromium installed: skipped");
    std::exit(77);
  }
  const TempDir& dir = history();
  const auto made =
      run_cnnlab({"runs", "report", "--db", dir.file("h.db"), "-o", dir.file("r.html")});
  INFO(made.err);
  REQUIRE(made.exit_code == 0);

  // The check itself must see an error: a page whose script throws.
  write_file(dir.file("broken.html"),
             "<html><body><script>undefined_call();</script></body></html>");
  CHECK(!console_lines(browse(browser, dir, {"--dump-dom"}, dir.file("broken.html")).err).empty());

  const auto dom = browse(browser, dir, {"--dump-dom"}, dir.file("r.html"));
  REQUIRE(dom.exit_code == 0);
  CHECK(console_lines(dom.err) == "");
  CHECK(dom.out.find("<table id=\"comparison\"") != std::string::npos);
  for (const char* id :
       {"curves-loss-run1", "curves-accuracy-run1", "curves-loss-run2", "curves-accuracy-run2",
        "classes-run1", "classes-run2", "confusion-run1", "confusion-run2"})
    CHECK(dom.out.find(std::string("id=\"") + id + "\"") != std::string::npos);
  // Set by the page's script once its hover handlers are in place: the script ran to its end.
  CHECK(dom.out.find("data-ready=\"0\"") == std::string::npos);
  CHECK(dom.out.find("data-ready=\"") != std::string::npos);

  const auto shot =
      browse(browser, dir, {"--screenshot=" + dir.file("shot.png"), "--window-size=1280,1600"},
             dir.file("r.html"));
  REQUIRE(shot.exit_code == 0);
  const cv::Mat image = cv::imread(dir.file("shot.png"), cv::IMREAD_COLOR);
  REQUIRE(!image.empty());
  CHECK(image.cols == 1280);
  cv::Scalar mean, stddev;
  cv::meanStdDev(image, mean, stddev);
  CHECK(stddev[0] > 20.0);
}

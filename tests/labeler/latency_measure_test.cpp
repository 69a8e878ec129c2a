// Not a test but a measurement, hidden from ctest: key-to-frame latency of cnnlab-label on
// 12 MP JPEGs, headless and (when xvfb-run is installed) in a real window. Run it with
//   build/bin/labeler_tests "[.latency]"
// The figures are in docs/LABELING.md.
#include <catch2/catch.hpp>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "label_images.hpp"
#include "test_support.hpp"

using namespace cnnlab::label::test;

namespace {

std::string stats_line(const std::string& err) {
  for (const auto& line : lines_of(err))
    if (line.find("stats:") != std::string::npos) return line;
  return "(no stats line) " + err;
}

}  // namespace

TEST_CASE("key-to-frame latency on 12 MP JPEGs", "[.latency]") {
  cnnlab::test::TempDir dir;
  const int count = 12;
  for (int i = 0; i < count; ++i) {
    const std::string name = dir.file("photos/photo" + std::to_string(10 + i) + ".jpg");
    std::filesystem::create_directories(dir.file("photos"));
    REQUIRE(cv::imwrite(name, textured_image(4000, 3000, static_cast<uint64_t>(i + 1)),
                        {cv::IMWRITE_JPEG_QUALITY, 90}));
  }
  // Label every photo, go back over them, and quit: the keys a user presses most.
  std::vector<std::string> keys;
  for (int i = 0; i < count; ++i) keys.push_back(i % 2 ? "2" : "1");
  for (int i = 0; i < count - 1; ++i) keys.push_back("Left");
  keys.push_back("q");
  const std::string script = write_script(dir.path(), keys);

  int run = 0;
  const auto measure = [&](const std::string& how, std::vector<std::string> args,
                           const std::vector<std::string>& prefix) {
    std::vector<std::string> argv = prefix;
    argv.push_back(CNNLAB_LABEL_EXE);
    for (const auto& a :
         {dir.file("photos"), std::string("--out"), dir.file("ds" + std::to_string(++run)),
          std::string("--classes"), std::string("a,b"), std::string("--script"), script,
          std::string("--stats")})
      argv.push_back(a);
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = cnnlab::test::run_process(argv);
    WARN(how << ": " << stats_line(r.err));
    CHECK(r.exit_code == 0);
  };
  measure("headless, keys at a human pace (300 ms)", {"--headless", "--script-delay", "300"}, {});
  measure("headless, keys back to back", {"--headless"}, {});
  if (std::filesystem::exists("/usr/bin/xvfb-run")) {
    const std::vector<std::string> xvfb{"/usr/bin/xvfb-run", "-a", "-s",
                                        "-screen 0 1280x1024x24 -nolisten tcp"};
    measure("window under Xvfb, keys at a human pace (300 ms)", {"--script-delay", "300"}, xvfb);
    measure("window under Xvfb, keys back to back", {"--script-delay", "1"}, xvfb);
  }
}

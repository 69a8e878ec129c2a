#pragma once
// The labelling loop: keys (from a script, the window, or both) go to the Controller, the
// resulting frame is drawn (and shown when there is a window), and the next images are
// prefetched. Headless runs draw the same frames without showing them.
#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <opencv2/core.hpp>
#include <set>
#include <string>
#include <vector>

#include "labeler/controller.hpp"
#include "labeler/duplicates.hpp"
#include "labeler/fingerprint_index.hpp"
#include "labeler/key_script.hpp"
#include "labeler/latency.hpp"
#include "labeler/prefetcher.hpp"
#include "labeler/rate_meter.hpp"
#include "labeler/session.hpp"
#include "window.hpp"

namespace cnnlab::label::app {

struct LoopSettings {
  std::string title;
  cv::Size canvas{1024, 720};
  std::string image_dir;
  GridLayout grid;
  int near_distance = kDefaultNearDistance;
  std::vector<ScriptedKey> script;
  int script_delay_ms = 0;
  bool headless = false;
  bool stats = false;
  std::string key_log;  // when set, each processed key's name is appended (for GUI tests)
};

class LabelLoop {
 public:
  // export_now exports, prints its report, and returns a short version for the screen; it
  // throws on failure.
  LabelLoop(Session& session, LoopSettings settings, std::function<std::string()> export_now);

  // Until q/Esc, the window being closed, or (headless) the end of the script; then exports.
  void run();

 private:
  // Handles one key and shows the result; true when the key asks to quit.
  bool handle(int key);
  // Draws (and shows) the current view; true when the picture came from the prefetch cache.
  bool present();
  cv::Mat browse_frame(bool& prefetched);
  cv::Mat review_frame(bool& prefetched);
  std::string file_of(size_t image_index) const;
  void log_key(int key);
  void finish();
  double seconds_since_start() const;

  Session& session_;
  LoopSettings settings_;
  std::function<std::string()> export_now_;
  Controller controller_;
  Prefetcher prefetcher_;
  FingerprintIndex fingerprints_;
  RateMeter rate_;
  LatencyStats latency_;
  std::unique_ptr<Window> window_;
  std::ofstream key_log_;
  std::set<std::string> undecodable_;
  uint64_t shown_fingerprint_version_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace cnnlab::label::app

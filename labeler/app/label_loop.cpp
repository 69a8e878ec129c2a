#include "label_loop.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli_support.hpp"
#include "cnnlab/error.hpp"
#include "frame_renderer.hpp"
#include "grid_renderer.hpp"
#include "labeler/duplicates.hpp"
#include "labeler/keys.hpp"

namespace cnnlab::label::app {

namespace {

constexpr int kIdlePollMs = 100;

double milliseconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

std::string caption_of(const ImageState& s, const std::vector<std::string>& classes) {
  switch (s.status) {
    case Status::Labelled:
      return classes[static_cast<size_t>(s.label)];
    case Status::Skipped:
      return "skipped";
    case Status::Rejected:
      return "rejected";
    case Status::Unlabelled:
      return "unlabelled";
  }
  return "";
}

}  // namespace

LabelLoop::LabelLoop(Session& session, LoopSettings settings,
                     std::function<std::string()> export_now)
    : session_(session),
      settings_(std::move(settings)),
      export_now_(std::move(export_now)),
      controller_(session, settings_.grid) {
  if (!settings_.key_log.empty()) {
    key_log_.open(settings_.key_log, std::ios::app);
    if (!key_log_) throw ConfigError("cannot write the key log '" + settings_.key_log + "'");
  }
}

double LabelLoop::seconds_since_start() const { return milliseconds_since(start_) / 1000.0; }

std::string LabelLoop::file_of(size_t image_index) const {
  return (std::filesystem::path(settings_.image_dir) / session_.images()[image_index]).string();
}

void LabelLoop::run() {
  if (!settings_.headless) window_ = std::make_unique<Window>(settings_.title);
  present();
  bool quit = false;
  for (size_t i = 0; i < settings_.script.size() && !quit; ++i) {
    if (window_) {
      // Pace the script while letting Qt paint; a key pressed meanwhile is handled too.
      const int live = window_->wait_key(std::max(1, settings_.script_delay_ms));
      if (live >= 0) quit = handle(live);
    } else if (settings_.script_delay_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(settings_.script_delay_ms));
    }
    if (!quit) quit = handle(settings_.script[i].code);
  }
  while (window_ && !quit) {
    const int key = window_->wait_key(kIdlePollMs);
    if (key >= 0)
      quit = handle(key);
    else if (window_->closed())
      quit = true;
    else if (controller_.view() == View::Review &&
             fingerprints_.version() != shown_fingerprint_version_)
      present();  // the review grid's duplicate flags fill in as fingerprints arrive
  }
  finish();
}

bool LabelLoop::handle(int key) {
  const auto received = std::chrono::steady_clock::now();
  const Outcome outcome = controller_.handle(key);
  if (outcome.decided) rate_.record(seconds_since_start());
  if (!outcome.known)
    controller_.set_message("key " + key::name(key) + " does nothing here (h: help)");
  if (outcome.request == Request::Quit) {
    log_key(key);
    return true;
  }
  if (outcome.request == Request::Export) {
    try {
      controller_.set_message(export_now_());
    } catch (const Error& e) {
      print_warning(std::string("export failed: ") + e.what());
      controller_.set_message("export failed (see the terminal)");
    }
  }
  const bool prefetched = present();
  latency_.add(milliseconds_since(received), prefetched);
  log_key(key);
  return false;
}

void LabelLoop::log_key(int key) {
  if (!key_log_.is_open()) return;
  key_log_ << key::name(key) << "\n";
  key_log_.flush();
}

bool LabelLoop::present() {
  bool prefetched = true;
  cv::Mat frame =
      controller_.view() == View::Browse ? browse_frame(prefetched) : review_frame(prefetched);
  if (controller_.help_visible()) {
    if (controller_.view() == View::Browse)
      draw_help(frame, "keys (any key closes this)", browse_key_help());
    else
      draw_help(frame, "review grid keys (any key closes this)", review_key_help());
  }
  if (window_) window_->show(frame);
  return prefetched;
}

cv::Mat LabelLoop::browse_frame(bool& prefetched) {
  const cv::Size box = picture_area(settings_.canvas).size();
  const size_t index = session_.cursor();
  const cv::Mat picture = prefetcher_.get(file_of(index), box, &prefetched);
  if (picture.empty() && undecodable_.insert(session_.current()).second)
    print_warning("cannot decode '" + file_of(index) + "' (x rejects it)");

  std::vector<std::string> next;  // what the user will most likely want after this one
  for (size_t ahead = 1; ahead <= 2 && index + ahead < session_.size(); ++ahead)
    next.push_back(file_of(index + ahead));
  if (index > 0) next.push_back(file_of(index - 1));
  prefetcher_.schedule(next, box);

  BrowseView view;
  view.index = index;
  view.total = session_.size();
  view.image = session_.current();
  view.state = session_.state(index);
  view.classes = session_.classes();
  view.counts = session_.counts();
  view.guess = session_.guess(index);
  view.per_minute = rate_.per_minute();
  view.eta_seconds = rate_.eta_seconds(view.counts.unlabelled);
  view.auto_advance = session_.auto_advance();
  view.message = controller_.message();
  return render_browse(settings_.canvas, picture, view);
}

cv::Mat LabelLoop::review_frame(bool& prefetched) {
  const ReviewGrid& grid = *controller_.grid();
  const cv::Size thumb = tile_picture_size(settings_.canvas, grid.layout());

  // Duplicates are looked for among every labelled image, whatever the grid shows.
  std::vector<std::string> labelled_files;
  for (size_t i = 0; i < session_.size(); ++i)
    if (session_.state(i).status == Status::Labelled) labelled_files.push_back(file_of(i));
  fingerprints_.request(labelled_files);
  shown_fingerprint_version_ = fingerprints_.version();
  std::vector<Fingerprint> known;
  std::vector<std::string> known_files;
  for (const auto& f : labelled_files)
    if (const auto print = fingerprints_.get(f)) {
      known.push_back(*print);
      known_files.push_back(f);
    }
  const std::vector<DuplicateFlag> flags =
      duplicate_flags(find_duplicates(known, settings_.near_distance), known.size());

  GridView view;
  view.layout = grid.layout();
  view.page = grid.page();
  view.pages = grid.page_count();
  const std::string shown = grid.filter() == ReviewGrid::kAllClasses
                                ? "all classes"
                                : session_.classes()[static_cast<size_t>(grid.filter())];
  view.title = "review: " + shown + " (" + std::to_string(grid.items().size()) + " images)";
  for (size_t position : grid.page_positions()) {
    const size_t index = grid.items()[position];
    GridTile tile;
    bool ready = true;
    tile.thumbnail = prefetcher_.get(file_of(index), thumb, &ready);
    prefetched = prefetched && ready;
    tile.image = session_.images()[index];
    tile.state = session_.state(index);
    tile.caption = caption_of(tile.state, session_.classes());
    tile.selected = position == grid.selected();
    const auto found = std::find(known_files.begin(), known_files.end(), file_of(index));
    if (found != known_files.end())
      tile.duplicate = flags[static_cast<size_t>(found - known_files.begin())];
    view.tiles.push_back(std::move(tile));
  }
  std::vector<std::string> next_page;
  const size_t first_next = (grid.page() + 1) * grid.tiles_per_page();
  for (size_t p = first_next; p < std::min(grid.items().size(), first_next + grid.tiles_per_page());
       ++p)
    next_page.push_back(file_of(grid.items()[p]));
  prefetcher_.schedule(next_page, thumb);

  const size_t pending = fingerprints_.pending();
  view.status = pending ? "checking for duplicates: " + std::to_string(pending) + " images left"
                        : "duplicates checked: DUP same file, ~DUP looks alike";
  view.message = controller_.message();
  return render_grid(settings_.canvas, view);
}

void LabelLoop::finish() {
  export_now_();
  if (settings_.stats) std::cerr << "cnnlab-label: stats: " << latency_.summary() << "\n";
}

}  // namespace cnnlab::label::app

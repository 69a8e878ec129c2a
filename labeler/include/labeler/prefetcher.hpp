#pragma once
// Decodes and scales the images about to be shown on a background thread, so that moving to
// the next image only has to draw it. A small LRU cache keeps the recent ones for going back.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <list>
#include <mutex>
#include <opencv2/core.hpp>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace cnnlab::label {

class Prefetcher {
 public:
  explicit Prefetcher(size_t capacity = 12);
  ~Prefetcher();
  Prefetcher(const Prefetcher&) = delete;
  Prefetcher& operator=(const Prefetcher&) = delete;

  // The files to have ready next, fitted to `box`, most urgent first. Replaces the previous
  // wish list; files already cached are not decoded again.
  void schedule(const std::vector<std::string>& files, cv::Size box);

  // The file as BGR fitted to `box` (see load_fitted); empty when it cannot be decoded. Waits
  // when the worker is decoding it, decodes it here when nobody started it. `was_ready` tells
  // whether it was already in the cache.
  cv::Mat get(const std::string& file, cv::Size box, bool* was_ready = nullptr);

 private:
  struct Entry {
    cv::Mat image;
    bool ready = false;
    std::list<std::string>::iterator recency;
  };
  struct Job {
    std::string key, file;
    cv::Size box;
  };
  static std::string key_of(const std::string& file, cv::Size box);
  void run();
  // Called with the lock held.
  void store(const std::string& key, cv::Mat image);
  void evict();

  const size_t capacity_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> queue_;
  std::unordered_set<std::string> wanted_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> recency_;  // most recently used first
  bool stop_ = false;
  std::thread worker_;  // declared last: it starts once the members above exist
};

}  // namespace cnnlab::label

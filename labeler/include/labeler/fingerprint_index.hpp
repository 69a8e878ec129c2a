#pragma once
// Fingerprints computed on a background thread for the review grid, which flags the
// duplicates known so far and redraws as more arrive, instead of freezing the window.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "labeler/fingerprint.hpp"

namespace cnnlab::label {

class FingerprintIndex {
 public:
  FingerprintIndex();
  ~FingerprintIndex();
  FingerprintIndex(const FingerprintIndex&) = delete;
  FingerprintIndex& operator=(const FingerprintIndex&) = delete;

  // Queues the files (paths to read) that are neither known nor queued yet.
  void request(const std::vector<std::string>& files);
  std::optional<Fingerprint> get(const std::string& file) const;
  size_t pending() const;    // queued or being computed
  uint64_t version() const;  // grows by one with every fingerprint computed
  void wait_until_done();    // blocks until nothing is pending

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> queue_;
  std::unordered_set<std::string> queued_;
  std::unordered_map<std::string, Fingerprint> known_;
  size_t working_ = 0;
  uint64_t version_ = 0;
  bool stop_ = false;
  std::thread worker_;  // declared last: it starts once the members above exist
};

}  // namespace cnnlab::label

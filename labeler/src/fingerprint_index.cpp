#include "labeler/fingerprint_index.hpp"

namespace cnnlab::label {

FingerprintIndex::FingerprintIndex() : worker_([this] { run(); }) {}

FingerprintIndex::~FingerprintIndex() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

void FingerprintIndex::request(const std::vector<std::string>& files) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& f : files)
      if (!known_.count(f) && queued_.insert(f).second) queue_.push_back(f);
  }
  changed_.notify_all();
}

std::optional<Fingerprint> FingerprintIndex::get(const std::string& file) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = known_.find(file);
  if (it == known_.end()) return std::nullopt;
  return it->second;
}

size_t FingerprintIndex::pending() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size() + working_;
}

uint64_t FingerprintIndex::version() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return version_;
}

void FingerprintIndex::wait_until_done() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return queue_.empty() && working_ == 0; });
}

void FingerprintIndex::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    const std::string file = queue_.front();
    queue_.pop_front();
    ++working_;
    lock.unlock();
    Fingerprint print = fingerprint_file(file);
    lock.lock();
    known_[file] = std::move(print);
    queued_.erase(file);
    --working_;
    ++version_;
    changed_.notify_all();
  }
}

}  // namespace cnnlab::label

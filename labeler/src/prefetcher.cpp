#include "labeler/prefetcher.hpp"

#include "labeler/image_io.hpp"

namespace cnnlab::label {

Prefetcher::Prefetcher(size_t capacity)
    : capacity_(capacity < 2 ? 2 : capacity), worker_([this] { run(); }) {}

Prefetcher::~Prefetcher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

std::string Prefetcher::key_of(const std::string& file, cv::Size box) {
  return std::to_string(box.width) + "x" + std::to_string(box.height) + "|" + file;
}

void Prefetcher::schedule(const std::vector<std::string>& files, cv::Size box) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.clear();
    wanted_.clear();
    for (const auto& file : files) {
      const std::string key = key_of(file, box);
      wanted_.insert(key);
      if (!entries_.count(key)) queue_.push_back({key, file, box});
    }
  }
  changed_.notify_all();
}

cv::Mat Prefetcher::get(const std::string& file, cv::Size box, bool* was_ready) {
  const std::string key = key_of(file, box);
  std::unique_lock<std::mutex> lock(mutex_);
  bool waited = false;
  while (true) {
    const auto it = entries_.find(key);
    if (it == entries_.end()) break;
    if (it->second.ready) {
      recency_.splice(recency_.begin(), recency_, it->second.recency);
      if (was_ready) *was_ready = !waited;
      return it->second.image;
    }
    waited = true;
    changed_.wait(lock);
  }
  recency_.push_front(key);
  entries_[key].recency = recency_.begin();
  lock.unlock();
  cv::Mat image = load_fitted(file, box);
  lock.lock();
  store(key, image);
  if (was_ready) *was_ready = false;
  return image;
}

void Prefetcher::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (stop_) return;
    const Job job = queue_.front();
    queue_.pop_front();
    if (entries_.count(job.key)) continue;
    recency_.push_back(job.key);
    entries_[job.key].recency = std::prev(recency_.end());
    lock.unlock();
    cv::Mat image = load_fitted(job.file, job.box);
    lock.lock();
    store(job.key, image);
  }
}

void Prefetcher::store(const std::string& key, cv::Mat image) {
  Entry& entry = entries_[key];
  entry.image = std::move(image);
  entry.ready = true;
  evict();
  changed_.notify_all();
}

void Prefetcher::evict() {
  auto it = recency_.end();
  while (entries_.size() > capacity_ && it != recency_.begin()) {
    --it;
    const Entry& entry = entries_[*it];
    if (!entry.ready || wanted_.count(*it)) continue;
    entries_.erase(*it);
    it = recency_.erase(it);
  }
}

}  // namespace cnnlab::label

#pragma once
// Model assist: a per-image guess (top class and its probability) the session shows, Enter
// accepts, and `--order uncertain` sorts by. Any predictor plugs in through GuessSource.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cnnlab::label {

struct Guess {
  int class_index = -1;
  float probability = 0.0f;  // of that class, in [0, 1]
};

class GuessSource {
 public:
  virtual ~GuessSource();
  // `image` is relative to IMAGE_DIR. nullopt when there is no guess for it.
  virtual std::optional<Guess> guess(const std::string& image) = 0;
};

// Predictions from a CSV file with the header `image,class,probability`: image relative to
// IMAGE_DIR (or an absolute path inside it), class one of the session's classes. Throws
// ConfigError "<file>:<line>: ..." on a malformed row.
class CsvGuessSource : public GuessSource {
 public:
  CsvGuessSource(const std::string& path, const std::string& image_dir,
                 const std::vector<std::string>& classes);
  std::optional<Guess> guess(const std::string& image) override;
  size_t size() const { return guesses_.size(); }

 private:
  std::map<std::string, Guess> guesses_;
};

// The images reordered least confident first (lowest top-class probability; ties keep their
// order); images without a guess follow in their original order.
std::vector<std::string> order_by_uncertainty(const std::vector<std::string>& images,
                                              GuessSource& source);

}  // namespace cnnlab::label

#include "labeler/guess.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "atomic_file.hpp"
#include "cnnlab/error.hpp"
#include "labeler/csv.hpp"

namespace cnnlab::label {

namespace fs = std::filesystem;

GuessSource::~GuessSource() = default;

namespace {

std::string relative_to(const std::string& image, const std::string& image_dir) {
  const fs::path p(image);
  if (!p.is_absolute()) return p.lexically_normal().generic_string();
  return p.lexically_normal()
      .lexically_relative(fs::path(image_dir).lexically_normal())
      .generic_string();
}

}  // namespace

CsvGuessSource::CsvGuessSource(const std::string& path, const std::string& image_dir,
                               const std::vector<std::string>& classes) {
  const std::string unreadable = unreadable_text_file(path);
  if (!unreadable.empty()) throw ConfigError("guesses file " + unreadable);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("cannot read guesses file '" + path + "'");
  std::stringstream text;
  text << in.rdbuf();
  std::vector<CsvRecord> records;
  try {
    records = parse_csv(text.str(), path);
  } catch (const DataError& e) {
    throw ConfigError(e.what());
  }
  if (records.empty() ||
      records[0].fields != std::vector<std::string>{"image", "class", "probability"})
    throw ConfigError(SourceLocation{path, 1, 0}, "expected the header 'image,class,probability'");
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    const SourceLocation where{path, rec.line, 0};
    if (rec.fields.size() != 3)
      throw ConfigError(where, "expected 3 fields, found " + std::to_string(rec.fields.size()));
    const auto cls = std::find(classes.begin(), classes.end(), rec.fields[1]);
    if (cls == classes.end())
      throw ConfigError(where, "class '" + rec.fields[1] + "' is not one of the classes");
    float probability = 0;
    std::istringstream number(rec.fields[2]);
    if (!(number >> probability) || !number.eof() || probability < 0 || probability > 1)
      throw ConfigError(where, "probability '" + rec.fields[2] + "' is not a number in [0, 1]");
    const std::string image = relative_to(rec.fields[0], image_dir);
    if (image.empty() || image.rfind("..", 0) == 0)
      throw ConfigError(where, "image '" + rec.fields[0] + "' is not inside " + image_dir);
    guesses_[image] = Guess{static_cast<int>(cls - classes.begin()), probability};
  }
}

std::optional<Guess> CsvGuessSource::guess(const std::string& image) {
  const auto it = guesses_.find(image);
  if (it == guesses_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> order_by_uncertainty(const std::vector<std::string>& images,
                                              GuessSource& source) {
  std::vector<std::pair<float, size_t>> guessed;
  std::vector<std::string> unguessed;
  for (size_t i = 0; i < images.size(); ++i) {
    if (const auto g = source.guess(images[i]))
      guessed.emplace_back(g->probability, i);
    else
      unguessed.push_back(images[i]);
  }
  std::stable_sort(guessed.begin(), guessed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> ordered;
  for (const auto& g : guessed) ordered.push_back(images[g.second]);
  ordered.insert(ordered.end(), unguessed.begin(), unguessed.end());
  return ordered;
}

}  // namespace cnnlab::label

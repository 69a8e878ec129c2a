#include "labeler/model_guesses.hpp"

#include <algorithm>
#include <filesystem>

#include "cnnlab/error.hpp"
#include "cnnlab/host/model_file.hpp"
#include "cnnlab/host/trained_model.hpp"

namespace cnnlab::label {

namespace {
constexpr size_t kBatch = 32;
}  // namespace

ModelGuessSource::ModelGuessSource(const std::string& model_path, const PluginHost& host,
                                   std::string image_dir, const std::vector<std::string>& classes)
    : model_(std::make_unique<TrainedModel>(load_trained_model(model_path, host))),
      image_dir_(std::move(image_dir)) {
  bool any = false;
  for (const auto& name : model_->file.class_names) {
    const auto it = std::find(classes.begin(), classes.end(), name);
    session_class_.push_back(it == classes.end() ? -1 : static_cast<int>(it - classes.begin()));
    any = any || it != classes.end();
  }
  if (!any) {
    std::string names;
    for (const auto& n : model_->file.class_names) names += (names.empty() ? "" : ",") + n;
    throw ConfigError(model_path + " was trained on the classes " + names +
                      ", none of which is a class of this session");
  }
}

ModelGuessSource::~ModelGuessSource() = default;

std::vector<std::string> ModelGuessSource::class_names(const std::string& model_path) {
  return read_model_file(model_path).class_names;
}

void ModelGuessSource::predict(const std::vector<std::string>& images,
                               const std::function<void(size_t, size_t)>& progress) {
  std::vector<std::string> pending;
  for (const auto& image : images)
    if (!guesses_.count(image)) pending.push_back(image);
  for (size_t start = 0; start < pending.size(); start += kBatch) {
    const size_t end = std::min(pending.size(), start + kBatch);
    predict_batch({pending.begin() + static_cast<std::ptrdiff_t>(start),
                   pending.begin() + static_cast<std::ptrdiff_t>(end)});
    if (progress) progress(end, pending.size());
  }
}

void ModelGuessSource::predict_batch(const std::vector<std::string>& images) {
  std::vector<std::string> files;
  for (const auto& image : images)
    files.push_back((std::filesystem::path(image_dir_) / image).string());
  Tensor input;
  try {
    input = load_images_as_input(files, model_->file.input_shape, model_->file.scale);
  } catch (const DataError&) {
    // One unreadable image fails the whole batch: go one by one to keep the others.
    if (images.size() > 1) {
      for (const auto& image : images) predict_batch({image});
    } else {
      guesses_[images[0]] = std::nullopt;
    }
    return;
  }
  Tensor probabilities;
  model_->model.predict_proba(input, probabilities);
  const size_t classes = static_cast<size_t>(probabilities.dim(1));
  for (size_t i = 0; i < images.size(); ++i) {
    std::optional<Guess> best;
    for (size_t c = 0; c < classes && c < session_class_.size(); ++c) {
      const float p = probabilities.data()[i * classes + c];
      if (session_class_[c] >= 0 && (!best || p > best->probability))
        best = Guess{session_class_[c], p};
    }
    guesses_[images[i]] = best;
  }
}

std::optional<Guess> ModelGuessSource::guess(const std::string& image) {
  if (!guesses_.count(image)) predict_batch({image});
  return guesses_[image];
}

}  // namespace cnnlab::label

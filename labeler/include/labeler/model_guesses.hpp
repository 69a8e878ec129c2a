#pragma once
// Guesses from a model trained by `cnnlab run` (training.save_model): the network is rebuilt
// through the layer plugins, and each image is read the way `cnnlab predict` reads it.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cnnlab/plugin_host.hpp"
#include "labeler/guess.hpp"

namespace cnnlab {
struct TrainedModel;
}

namespace cnnlab::label {

class ModelGuessSource : public GuessSource {
 public:
  // Throws DataError for a missing or damaged model file, ConfigError when its layers need a
  // plugin that is not loaded or when none of its classes is one of `classes`.
  ModelGuessSource(const std::string& model_path, const PluginHost& host, std::string image_dir,
                   const std::vector<std::string>& classes);
  ~ModelGuessSource() override;

  // The class names the model was trained with (to label with them when none are given).
  static std::vector<std::string> class_names(const std::string& model_path);

  // Predicts the images (relative to IMAGE_DIR) in batches; `progress(done, total)` after each.
  void predict(const std::vector<std::string>& images,
               const std::function<void(size_t, size_t)>& progress = {});
  // The most probable session class of the image (predicted now when it was not yet).
  // nullopt when the image cannot be read.
  std::optional<Guess> guess(const std::string& image) override;

 private:
  void predict_batch(const std::vector<std::string>& images);

  std::unique_ptr<TrainedModel> model_;
  std::string image_dir_;
  std::vector<int> session_class_;  // per model class: the session's class index, or -1
  std::map<std::string, std::optional<Guess>> guesses_;
};

}  // namespace cnnlab::label

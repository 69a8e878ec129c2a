#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "cnnlab/export.hpp"
#include "cnnlab/host/trainer.hpp"

namespace cnnlab {

// Keras' (tf.keras 2) progress display for fit(), verbose=1:
//   Epoch 3/10
//   120/300 [=======>......................] - ETA: 12s - loss: 0.3012 - accuracy: 0.8912
//   300/300 [==============================] - 52s 175ms/step - loss: 0.0176 - accuracy: 0.9941 -
//   val_loss: 0.0320 - val_accuracy: 0.9890
// When `live` (a terminal) the bar is redrawn in place with '\r' as batches end, at most once
// per `redraw_seconds`; otherwise only the "Epoch" line and the final line of each epoch are
// written, as plain lines. At the end it says why training ended early, if it did.
class CNNLAB_API ConsoleProgress : public TrainingObserver {
 public:
  ConsoleProgress(std::ostream& out, bool live, double redraw_seconds = 0.05);

  void on_train_begin(const TrainBegin& info) override;
  void on_epoch_begin(int epoch, int epochs) override;
  void on_batch_end(const BatchMetrics& metrics) override;
  void on_epoch_end(const EpochMetrics& metrics) override;
  void on_train_end(const FitResult& result) override;

 private:
  void draw(const std::string& line, bool final_line);

  std::ostream& out_;
  bool live_;
  double redraw_seconds_;
  int64_t steps_ = 0;
  int64_t steps_done_ = 0;
  size_t drawn_width_ = 0;
  std::chrono::steady_clock::time_point epoch_start_, last_draw_;
  bool drawn_ = false;
};

// " - loss: 0.0176 - accuracy: 0.9941": Keras' rendering of logged values (4 decimals, or
// scientific notation for magnitudes up to 1e-3).
CNNLAB_API std::string format_keras_metrics(
    const std::vector<std::pair<std::string, double>>& metrics);

// "120/300 [=======>......................]": Keras' 30-character bar, the step count
// right-aligned to the width of `steps`.
CNNLAB_API std::string keras_progress_bar(int64_t step, int64_t steps);

}  // namespace cnnlab

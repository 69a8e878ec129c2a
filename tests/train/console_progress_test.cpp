// The Keras-style console output of fit().
#include "cnnlab/host/console_progress.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;

namespace {

cnnlab::EpochMetrics epoch_metrics(int epoch, double seconds, bool validation) {
  cnnlab::EpochMetrics m;
  m.epoch = epoch;
  m.loss = 0.01764;
  m.accuracy = 0.99412;
  if (validation) {
    m.val_loss = 0.03201;
    m.val_accuracy = 0.989;
  }
  m.seconds = seconds;
  return m;
}

// One epoch of three batches through the observer.
void run_epoch(cnnlab::ConsoleProgress& progress, int epoch, bool validation) {
  progress.on_epoch_begin(epoch, 2);
  for (int64_t step = 1; step <= 3; ++step) progress.on_batch_end({epoch, step, 3, 0.3, 0.8});
  progress.on_epoch_end(epoch_metrics(epoch, 0.6, validation));
}

}  // namespace

TEST_CASE("Keras' progress bar") {
  CHECK(cnnlab::keras_progress_bar(120, 300) == "120/300 [===========>..................]");
  CHECK(cnnlab::keras_progress_bar(300, 300) == "300/300 [==============================]");
  CHECK(cnnlab::keras_progress_bar(5, 300) == "  5/300 [..............................]");
  CHECK(cnnlab::keras_progress_bar(1, 3) == "1/3 [=========>....................]");
}

TEST_CASE("Keras' metric values: four decimals, scientific below 1e-3") {
  CHECK(cnnlab::format_keras_metrics({{"loss", 0.30123}, {"accuracy", 0.89}}) ==
        " - loss: 0.3012 - accuracy: 0.8900");
  CHECK(cnnlab::format_keras_metrics({{"loss", 0.0005}}) == " - loss: 5.0000e-04");
  CHECK(cnnlab::format_keras_metrics({{"loss", 12.5}}) == " - loss: 12.5000");
}

TEST_CASE("without a terminal: plain lines, one per epoch, no carriage returns") {
  std::ostringstream out;
  cnnlab::ConsoleProgress progress(out, false);
  progress.on_train_begin({2, 3, 32, 96, 10});
  run_epoch(progress, 1, true);
  CHECK(out.str() ==
        "Epoch 1/2\n"
        "3/3 [==============================] - 1s 200ms/step - loss: 0.0176 - "
        "accuracy: 0.9941 - val_loss: 0.0320 - val_accuracy: 0.9890\n");
  CHECK(out.str().find('\r') == std::string::npos);
}

TEST_CASE("on a terminal: the bar is redrawn in place, then the final line") {
  std::ostringstream out;
  cnnlab::ConsoleProgress progress(out, true, 0.0);
  progress.on_train_begin({2, 3, 32, 96, 0});
  run_epoch(progress, 1, false);
  const std::string text = out.str();
  CHECK_THAT(text, StartsWith("Epoch 1/2\n\r1/3 [=========>"));
  CHECK_THAT(text, Contains("\r2/3 [===================>") && Contains(" - ETA: ") &&
                       Contains(" - loss: 0.3000 - accuracy: 0.8000"));
  CHECK_THAT(text, EndsWith("\r3/3 [==============================] - 1s 200ms/step - "
                            "loss: 0.0176 - accuracy: 0.9941\n"));
}

TEST_CASE("the end of training says why it ended early") {
  std::ostringstream out;
  cnnlab::ConsoleProgress progress(out, false);
  cnnlab::FitResult stopped;
  stopped.epochs_run = 5;
  stopped.stopped_epoch = 5;
  stopped.best_epoch = 2;
  stopped.restored_best_weights = true;
  progress.on_train_end(stopped);
  CHECK(out.str() ==
        "Epoch 5: early stopping\n"
        "Restoring model weights from the end of the best epoch: 2.\n");
  std::ostringstream nan_out;
  cnnlab::ConsoleProgress nan_progress(nan_out, false);
  cnnlab::FitResult diverged;
  diverged.epochs_run = 3;
  diverged.diverged = true;
  nan_progress.on_train_end(diverged);
  CHECK(nan_out.str() == "Epoch 3: invalid loss, terminating training\n");
}

#include "cnnlab/host/console_progress.hpp"

#include <cmath>
#include <cstdio>

namespace cnnlab {

namespace {

constexpr int64_t kBarWidth = 30;

std::string printf_string(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

// Keras' ETA: "12s", "3:05", "1:02:03".
std::string format_eta(double seconds) {
  const auto s = static_cast<long long>(seconds);
  char buffer[64];
  if (seconds > 3600) {
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", s / 3600, (s % 3600) / 60, s % 60);
  } else if (seconds > 60) {
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld", s / 60, s % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%llds", s);
  }
  return buffer;
}

// Keras' time per step: " 175ms/step", " 2s/step", " 850us/step".
std::string format_time_per_step(double seconds) {
  if (seconds >= 1.0 || seconds == 0.0) return printf_string(" %.0fs/step", seconds);
  if (seconds >= 1e-3) return printf_string(" %.0fms/step", seconds * 1e3);
  return printf_string(" %.0fus/step", seconds * 1e6);
}

std::vector<std::pair<std::string, double>> logged_values(const EpochMetrics& m) {
  std::vector<std::pair<std::string, double>> values{{"loss", m.loss}, {"accuracy", m.accuracy}};
  if (m.val_loss) values.emplace_back("val_loss", *m.val_loss);
  if (m.val_accuracy) values.emplace_back("val_accuracy", *m.val_accuracy);
  // Keras shows the rate when a schedule callback logs it; fit() always knows it.
  if (m.learning_rate > 0.0) values.emplace_back("learning_rate", m.learning_rate);
  return values;
}

}  // namespace

std::string format_keras_metrics(const std::vector<std::pair<std::string, double>>& metrics) {
  std::string text;
  for (const auto& [name, value] : metrics) {
    text += " - " + name + ": " + printf_string(std::fabs(value) > 1e-3 ? "%.4f" : "%.4e", value);
  }
  return text;
}

std::string keras_progress_bar(int64_t step, int64_t steps) {
  const std::string total = std::to_string(steps);
  std::string count = std::to_string(step);
  if (count.size() < total.size()) count.insert(0, total.size() - count.size(), ' ');
  const int64_t filled =
      steps > 0 ? static_cast<int64_t>(static_cast<double>(kBarWidth) * step / steps) : 0;
  std::string bar = count + "/" + total + " [";
  if (filled > 0) {
    bar.append(static_cast<size_t>(filled - 1), '=');
    bar += step < steps ? '>' : '=';
  }
  bar.append(static_cast<size_t>(kBarWidth - filled), '.');
  return bar + "]";
}

ConsoleProgress::ConsoleProgress(std::ostream& out, bool live, double redraw_seconds)
    : out_(out), live_(live), redraw_seconds_(redraw_seconds) {}

void ConsoleProgress::on_train_begin(const TrainBegin& info) { steps_ = info.steps_per_epoch; }

void ConsoleProgress::on_epoch_begin(int epoch, int epochs) {
  out_ << "Epoch " << epoch << "/" << epochs << "\n" << std::flush;
  epoch_start_ = std::chrono::steady_clock::now();
  steps_done_ = 0;
  drawn_width_ = 0;
  drawn_ = false;
}

void ConsoleProgress::on_batch_end(const BatchMetrics& m) {
  steps_done_ = m.step;
  if (!live_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && std::chrono::duration<double>(now - last_draw_).count() < redraw_seconds_) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - epoch_start_).count();
  const double eta = elapsed / static_cast<double>(m.step) * static_cast<double>(m.steps - m.step);
  draw(keras_progress_bar(m.step, m.steps) + " - ETA: " + format_eta(eta) +
           format_keras_metrics({{"loss", m.loss}, {"accuracy", m.accuracy}}),
       false);
}

void ConsoleProgress::on_epoch_end(const EpochMetrics& m) {
  const int64_t steps = steps_done_ > 0 ? steps_done_ : steps_;
  const double per_step = steps > 0 ? m.seconds / static_cast<double>(steps) : 0.0;
  draw(keras_progress_bar(steps, steps_) + printf_string(" - %.0fs", m.seconds) +
           format_time_per_step(per_step) + format_keras_metrics(logged_values(m)),
       true);
}

void ConsoleProgress::on_train_end(const FitResult& result) {
  if (live_ && drawn_width_ > 0) out_ << "\n";  // an interrupted epoch's bar
  drawn_width_ = 0;
  if (result.diverged) {
    out_ << "Epoch " << result.epochs_run << ": invalid loss, terminating training\n";
  } else if (result.stopped_epoch > 0) {
    out_ << "Epoch " << result.stopped_epoch << ": early stopping\n";
  }
  if (result.restored_best_weights) {
    out_ << "Restoring model weights from the end of the best epoch: " << result.best_epoch
         << ".\n";
  }
  out_ << std::flush;
}

void ConsoleProgress::draw(const std::string& line, bool final_line) {
  if (live_) {
    // Pads over a longer previous line so that no stale characters remain after '\r'.
    std::string padded = line;
    if (padded.size() < drawn_width_) padded.append(drawn_width_ - padded.size(), ' ');
    out_ << '\r' << padded;
    drawn_width_ = final_line ? 0 : line.size();
    drawn_ = true;
  } else {
    out_ << line;
  }
  if (final_line) out_ << '\n';
  out_ << std::flush;
}

}  // namespace cnnlab

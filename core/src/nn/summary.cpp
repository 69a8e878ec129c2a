// model_summary: the table of Keras 2.9-2.11's model.summary() for a Sequential model,
// character for character (65 columns, fields cut at 27 / 24 / 10 characters and continued
// on the next line, trailing spaces included), so it can be diffed against Keras' output.
#include <algorithm>
#include <sstream>

#include "cnnlab/host/model.hpp"

namespace cnnlab {

namespace {

constexpr size_t kLineLength = 65;
// Where each column ends: Keras' sequential positions [.45, .85, 1.] of 65.
constexpr size_t kColumnEnds[] = {29, 55, 65};
constexpr size_t kColumns = 3;

// One logical row, wrapped the way Keras' print_row wraps it.
void print_row(std::ostringstream& out, std::vector<std::string> fields) {
  const auto pending = [&] {
    return std::any_of(fields.begin(), fields.end(), [](const auto& f) { return !f.empty(); });
  };
  while (pending()) {
    std::string line;
    for (size_t col = 0; col < kColumns; ++col) {
      const size_t start = col > 0 ? kColumnEnds[col - 1] : 0;
      const size_t gap = col + 1 < kColumns ? 2 : 0;
      size_t cutoff = kColumnEnds[col] - start - gap;
      std::string fit = fields[col].substr(0, cutoff);
      // Keras prefers to break after the end of a tuple, list or dict.
      size_t preferred = std::string::npos;
      for (const char* mark : {"),", "},", "],", "',"}) {
        const size_t at = fit.find(mark);
        if (at != std::string::npos) preferred = std::min(preferred, at + 2);
      }
      if (preferred != std::string::npos) {
        cutoff = preferred;
        fit = fit.substr(0, cutoff);
      }
      if (col == 0) line += ' ';
      line += fit;
      line.append(gap, ' ');
      fields[col] = fields[col].substr(std::min(cutoff, fields[col].size()));
      if (line.size() < kColumnEnds[col]) line.append(kColumnEnds[col] - line.size(), ' ');
    }
    out << line << '\n';
  }
}

int64_t layer_param_count(Layer& layer) {
  int64_t count = 0;
  for (const Parameter* p : layer.parameters()) count += static_cast<int64_t>(p->value.size());
  return count;
}

std::string with_thousands_separators(int64_t value) {
  std::string digits = std::to_string(value);
  for (size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

}  // namespace

std::string model_summary(const Model& model, const std::string& title) {
  std::ostringstream out;
  out << "Model: \"" << title << "\"\n";
  out << std::string(kLineLength, '_') << '\n';
  print_row(out, {"Layer (type)", "Output Shape", "Param #"});
  out << std::string(kLineLength, '=') << '\n';
  for (const auto& entry : model.layers()) {
    print_row(out, {entry.name + " (" + entry.layer->keras_class() + ")",
                    shape_to_string(entry.output_shape),
                    std::to_string(layer_param_count(*entry.layer))});
    out << std::string(kLineLength, ' ') << '\n';
  }
  out << std::string(kLineLength, '=') << '\n';
  const int64_t total = model.param_count();
  const int64_t trainable = model.trainable_param_count();
  out << "Total params: " << with_thousands_separators(total) << '\n';
  out << "Trainable params: " << with_thousands_separators(trainable) << '\n';
  out << "Non-trainable params: " << with_thousands_separators(total - trainable) << '\n';
  out << std::string(kLineLength, '_') << '\n';
  return out.str();
}

}  // namespace cnnlab

#include "cnnlab/host/landscape.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>

#include "cnnlab/error.hpp"
#include "landscape_directions.hpp"

namespace cnnlab {

namespace {

// Exactly 0 at the middle step: the trained weights themselves, not a rounding away.
double coordinate(int i, const LandscapeOptions& o) {
  return o.span * (2.0 * i - (o.steps - 1)) / (o.steps - 1);
}

void move_to(const std::vector<Parameter*>& parameters, const std::vector<Tensor>& origin,
             const std::vector<Tensor>& d1, const std::vector<Tensor>& d2, double alpha,
             double beta) {
  const auto a = static_cast<float>(alpha), b = static_cast<float>(beta);
  for (size_t p = 0; p < parameters.size(); ++p) {
    Tensor& w = parameters[p]->value;
    for (size_t i = 0; i < w.size(); ++i) w[i] = origin[p][i] + a * d1[p][i] + b * d2[p][i];
  }
}

}  // namespace

void check_landscape_options(const LandscapeOptions& o) {
  if (o.dims != 1 && o.dims != 2)
    throw ConfigError("--dims must be 1 or 2, got " + std::to_string(o.dims));
  if (o.steps < 3 || o.steps % 2 == 0 || o.steps > 1001)
    throw ConfigError(
        "--steps must be odd, from 3 to 1001 (the middle point is the trained "
        "model), got " +
        std::to_string(o.steps));
  if (!(o.span > 0.0) || !std::isfinite(o.span))
    throw ConfigError("--span must be a positive number");
  if (o.batch_size < 1) throw ConfigError("--batch must be at least 1");
}

Landscape loss_landscape(Model& model, const SampleView& samples, float scale,
                         const LandscapeOptions& options) {
  check_landscape_options(options);
  if (samples.empty()) throw DataError("a loss landscape needs at least one sample");
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Parameter*> parameters = model.all_parameters();
  std::vector<Tensor> origin;
  for (const Parameter* p : parameters) origin.push_back(p->value);
  const auto d1 = vis::filter_normalised_direction(parameters, options.seed, 1);
  // On a line beta is 0, so any tensors of the right shapes serve as the second direction.
  const auto d2 =
      options.dims == 2 ? vis::filter_normalised_direction(parameters, options.seed, 2) : d1;
  Landscape result;
  result.options = options;
  result.samples = samples.size();
  const int rows = options.dims == 2 ? options.steps : 1;
  const size_t total = static_cast<size_t>(rows) * options.steps;
  try {
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < options.steps; ++c) {
        LandscapePoint point;
        point.alpha = coordinate(c, options);
        point.beta = options.dims == 2 ? coordinate(r, options) : 0.0;
        move_to(parameters, origin, d1, d2, point.alpha, point.beta);
        const Evaluation e = evaluate(model, samples, options.batch_size, scale);
        point.loss = e.loss;
        point.accuracy = e.accuracy;
        result.points.push_back(point);
        if (options.progress) options.progress(result.points.size(), total);
      }
  } catch (...) {
    move_to(parameters, origin, d1, d2, 0.0, 0.0);
    throw;
  }
  move_to(parameters, origin, d1, d2, 0.0, 0.0);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

std::string landscape_csv(const std::vector<Landscape>& landscapes) {
  const bool plane = !landscapes.empty() && landscapes.front().options.dims == 2;
  std::string csv = plane ? "model,alpha,beta,loss,accuracy\n" : "model,alpha,loss,accuracy\n";
  char line[160];
  for (const Landscape& l : landscapes)
    for (const LandscapePoint& p : l.points) {
      if (plane)
        std::snprintf(line, sizeof line, ",%.9g,%.9g,%.9g,%.9g\n", p.alpha, p.beta, p.loss,
                      p.accuracy);
      else
        std::snprintf(line, sizeof line, ",%.9g,%.9g,%.9g\n", p.alpha, p.loss, p.accuracy);
      csv += l.name + line;
    }
  return csv;
}

}  // namespace cnnlab

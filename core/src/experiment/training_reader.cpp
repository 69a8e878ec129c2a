// The training keys beyond Keras' fit(): learning-rate schedules, ReduceLROnPlateau, weight
// decay and gradient clipping, kernel regularizers. Every range is checked here, where the
// location is known.
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "experiment_detail.hpp"

namespace cnnlab::experiment_detail {

namespace {

// The value as written in the file, for messages.
std::string written(const Config& cfg, const std::string& key) {
  const ConfigValue* v = cfg.value().find(key);
  return v ? v->scalar : "";
}

// A finite number; `positive` also refuses 0.
double read_non_negative(const Config& cfg, const std::string& key, double fallback,
                         bool positive = false) {
  const double v = cfg.get_double(key, fallback);
  if (!std::isfinite(v) || v < 0.0 || (positive && v == 0.0))
    cfg.fail(key, std::string("must be a ") + (positive ? "positive" : "non-negative") +
                      " number, got " + written(cfg, key));
  return v;
}

double read_fraction(const Config& cfg, const std::string& key, double fallback) {
  const double v = cfg.get_double(key, fallback);
  if (!(v > 0.0 && v < 1.0)) cfg.fail(key, "must be in (0, 1), got " + written(cfg, key));
  return v;
}

std::vector<double> read_rates(const Config& cfg, const std::string& key) {
  const ConfigValue* list = present(cfg.value(), key);
  if (!list) cfg.fail(key, "is required");
  if (list->kind != ConfigValue::Kind::list || list->items.empty())
    cfg.fail(key, "must be a list of learning rates like [0.1, 0.01]");
  std::vector<double> rates;
  for (const ConfigValue& item : list->items) {
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(item.scalar.c_str(), &end);
    if (item.kind != ConfigValue::Kind::scalar || item.scalar.empty() || *end != '\0' ||
        errno != 0 || !(v > 0.0) || !std::isfinite(v))
      throw ConfigError(
          item.location,
          cfg.what() + ": '" + key + "' must hold positive numbers, got '" + item.scalar + "'");
    rates.push_back(v);
  }
  cfg.accept({key});
  return rates;
}

std::vector<int> read_boundaries(const Config& cfg) {
  const std::vector<int64_t> list = cfg.get_int_list("boundaries");
  std::vector<int> boundaries;
  for (int64_t b : list) {
    if (b < 1 || b > kMaxEpochs || (!boundaries.empty() && b <= boundaries.back()))
      cfg.fail("boundaries", "must be increasing epoch counts >= 1");
    boundaries.push_back(static_cast<int>(b));
  }
  return boundaries;
}

}  // namespace

LrScheduleOptions read_lr_schedule(const ConfigValue& value, int64_t epochs,
                                   const std::string& base_dir) {
  const Config cfg(value, "training.lr_schedule", base_dir);
  LrScheduleOptions s;
  s.epochs = static_cast<int>(epochs);
  const std::string type =
      cfg.get_choice("type", {"step", "piecewise", "exponential", "cosine", "one_cycle"});
  if (type == "step") {
    check_keys(cfg, {"type", "step_size", "gamma"});
    s.kind = LrScheduleKind::step;
    s.step_size = static_cast<int>(int_in_range(cfg, "step_size", s.step_size, 1, kMaxEpochs));
    s.gamma = read_non_negative(cfg, "gamma", s.gamma, true);
  } else if (type == "piecewise") {
    check_keys(cfg, {"type", "boundaries", "values"});
    s.kind = LrScheduleKind::piecewise;
    s.boundaries = read_boundaries(cfg);
    s.values = read_rates(cfg, "values");
    if (s.values.size() != s.boundaries.size() + 1)
      cfg.fail("values", "must hold one rate more than 'boundaries' (" +
                             std::to_string(s.boundaries.size() + 1) + ")");
  } else if (type == "exponential") {
    check_keys(cfg, {"type", "decay_rate", "decay_epochs", "staircase"});
    s.kind = LrScheduleKind::exponential;
    s.decay_rate = read_non_negative(cfg, "decay_rate", s.decay_rate, true);
    s.decay_epochs =
        static_cast<int>(int_in_range(cfg, "decay_epochs", s.decay_epochs, 1, kMaxEpochs));
    s.staircase = cfg.get_bool("staircase", s.staircase);
  } else if (type == "cosine") {
    check_keys(cfg, {"type", "warmup_epochs", "alpha"});
    s.kind = LrScheduleKind::cosine;
    s.warmup_epochs =
        static_cast<int>(int_in_range(cfg, "warmup_epochs", s.warmup_epochs, 0, epochs - 1));
    s.alpha = cfg.get_double("alpha", s.alpha);
    if (!(s.alpha >= 0.0 && s.alpha <= 1.0))
      cfg.fail("alpha", "must be in [0, 1], got " + written(cfg, "alpha"));
  } else {
    check_keys(cfg, {"type", "pct_start", "div_factor", "final_div_factor"});
    s.kind = LrScheduleKind::one_cycle;
    s.pct_start = read_fraction(cfg, "pct_start", s.pct_start);
    s.div_factor = read_non_negative(cfg, "div_factor", s.div_factor, true);
    s.final_div_factor = read_non_negative(cfg, "final_div_factor", s.final_div_factor, true);
  }
  return s;
}

ReduceLrOnPlateauOptions read_reduce_lr_on_plateau(const ConfigValue& value,
                                                   const std::string& base_dir) {
  const Config cfg(value, "training.reduce_lr_on_plateau", base_dir);
  check_keys(cfg, {"monitor", "factor", "patience", "mode", "min_delta", "cooldown", "min_lr"});
  ReduceLrOnPlateauOptions o;
  o.monitor =
      cfg.get_choice("monitor", {"val_loss", "val_accuracy", "loss", "accuracy"}, o.monitor);
  o.factor = cfg.get_double("factor", o.factor);
  if (!(o.factor > 0.0 && o.factor < 1.0))
    cfg.fail("factor",
             "must be in (0, 1): the rate is multiplied by it, got " + written(cfg, "factor"));
  o.patience = static_cast<int>(int_in_range(cfg, "patience", o.patience, 0, kMaxEpochs));
  o.mode = monitor_mode(cfg.get_choice("mode", {"auto", "min", "max"}, std::string("auto")));
  o.min_delta = read_non_negative(cfg, "min_delta", o.min_delta);
  o.cooldown = static_cast<int>(int_in_range(cfg, "cooldown", o.cooldown, 0, kMaxEpochs));
  o.min_lr = read_non_negative(cfg, "min_lr", o.min_lr);
  return o;
}

void read_optimizer_extras(PluginSpec& optimizer, TrainingSpec& training,
                           const std::string& base_dir) {
  if (optimizer.config.kind != ConfigValue::Kind::map) return;
  const Config cfg(optimizer.config, "training.optimizer", base_dir);
  training.weight_decay = read_non_negative(cfg, "weight_decay", 0.0);
  GradientClipping& c = training.clipping;
  const auto clip = [&](const char* key, std::optional<double>& into) {
    if (!cfg.has(key)) return;
    if (c.clipnorm || c.clipvalue || c.global_clipnorm)
      cfg.fail(key, "only one of clipnorm, clipvalue and global_clipnorm can be set");
    into = read_non_negative(cfg, key, 0.0, true);
  };
  clip("clipnorm", c.clipnorm);
  clip("clipvalue", c.clipvalue);
  clip("global_clipnorm", c.global_clipnorm);
  optimizer.config =
      without_keys(optimizer.config, {"weight_decay", "clipnorm", "clipvalue", "global_clipnorm"});
}

LayerRegularizer read_kernel_regularizer(const ConfigValue& value, const std::string& what,
                                         const std::string& base_dir) {
  LayerRegularizer r;
  if (value.kind == ConfigValue::Kind::scalar) {
    // Keras' string forms and their defaults.
    if (value.scalar == "l1")
      r.l1 = 0.01;
    else if (value.scalar == "l2")
      r.l2 = 0.01;
    else if (value.scalar != "l1_l2")
      throw ConfigError(value.location, what +
                                            ": kernel_regularizer must be l1, l2, l1_l2 or a "
                                            "map like {l2: 0.0005}, got '" +
                                            value.scalar + "'");
    return r;
  }
  if (value.kind != ConfigValue::Kind::map)
    throw ConfigError(value.location,
                      what + ": kernel_regularizer must be a map like {l2: 0.0005}");
  const Config cfg(value, what + ".kernel_regularizer", base_dir);
  check_keys(cfg, {"l1", "l2"});
  r.l1 = read_non_negative(cfg, "l1", 0.0);
  r.l2 = read_non_negative(cfg, "l2", 0.0);
  return r;
}

}  // namespace cnnlab::experiment_detail

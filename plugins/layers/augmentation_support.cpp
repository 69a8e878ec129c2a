#include "augmentation_support.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "cnnlab/error.hpp"

namespace cnnlab::layers {

float augment_draw(uint64_t step_seed, int64_t image, uint64_t k) {
  return hash_to_unit(hash64(step_seed, static_cast<uint64_t>(image), k));
}

float augment_uniform(uint64_t step_seed, int64_t image, uint64_t k,
                      std::pair<float, float> range) {
  return range.first + (range.second - range.first) * augment_draw(step_seed, image, k);
}

std::vector<float> read_numbers(const Config& cfg, const std::string& key) {
  std::vector<float> v;
  for (const std::string& item : cfg.get_string_list(key)) {
    char* end = nullptr;
    errno = 0;
    const double x = std::strtod(item.c_str(), &end);
    if (item.empty() || *end != '\0' || errno != 0 || !std::isfinite(x))
      cfg.fail(key, "must be a number or a pair [lower, upper], got '" + item + "'");
    v.push_back(static_cast<float>(x));
  }
  if (v.size() != 1 && v.size() != 2) cfg.fail(key, "must be a number or a pair [lower, upper]");
  return v;
}

std::optional<std::pair<float, float>> read_factor(const Config& cfg, const std::string& key,
                                                   bool required) {
  if (!required && !cfg.has(key)) {
    cfg.accept({key});
    return std::nullopt;
  }
  const std::vector<float> v = read_numbers(cfg, key);
  if (v.size() == 1) {
    if (v[0] < 0) cfg.fail(key, "must be at least 0 (it means [-f, f]); give a pair otherwise");
    return std::make_pair(-v[0], v[0]);
  }
  if (v[0] > v[1]) cfg.fail(key, "must be a pair [lower, upper] with lower <= upper");
  return std::make_pair(v[0], v[1]);
}

WarpOptions read_warp_options(const Config& cfg, FillMode fallback) {
  static const std::vector<std::string> names = {"reflect", "wrap", "nearest", "constant"};
  WarpOptions o;
  const std::string fill = cfg.get_choice("fill_mode", names, names[static_cast<size_t>(fallback)]);
  o.fill_mode = static_cast<FillMode>(std::find(names.begin(), names.end(), fill) - names.begin());
  o.interpolation =
      cfg.get_choice("interpolation", {"bilinear", "nearest"}, std::string("bilinear")) == "nearest"
          ? Interpolation::nearest
          : Interpolation::bilinear;
  o.fill_value = static_cast<float>(cfg.get_double("fill_value", 0.0));
  return o;
}

std::pair<float, float> read_value_range(const Config& cfg) {
  const std::optional<std::pair<float, float>> range = read_factor(cfg, "value_range", false);
  if (!range) return {0.0f, 1.0f};
  if (!(range->first < range->second))
    cfg.fail("value_range", "must be a pair [low, high] with low < high");
  return *range;
}

Shape GeometricAugmentation::build(const Shape& input, Rng&) {
  require_image(input, type());
  input_ = input;
  const auto [h, w] = output_size(input[0], input[1]);
  output_ = {h, w, input[2]};
  return output_;
}

WarpShape GeometricAugmentation::shape_of(const Tensor& in) const {
  return {
      checked_batch(in, input_, type()), input_[0], input_[1], input_[2], output_[0], output_[1]};
}

void GeometricAugmentation::forward(const Tensor& in, Tensor& out, const StepContext& ctx) {
  const WarpShape s = shape_of(in);
  out.resize(batch_dims(s.batch, output_));
  warped_ = false;
  if (ctx.training) {
    maps_.resize(static_cast<size_t>(s.batch));
    for (int64_t n = 0; n < s.batch; ++n) maps_[static_cast<size_t>(n)] = random_map(ctx.seed, n);
    warped_ = true;
  } else if (const std::optional<AffineMap> map = inference_map()) {
    maps_.assign(static_cast<size_t>(s.batch), *map);
    warped_ = true;
  }
  if (warped_)
    affine_warp_forward(s, maps_.data(), options_, in.data(), out.data());
  else
    std::copy(in.data(), in.data() + in.size(), out.data());
}

void GeometricAugmentation::backward(const Tensor& in, const Tensor&, const Tensor& grad_out,
                                     Tensor* grad_in) {
  if (!grad_in) return;
  grad_in->resize(in.dims());
  if (warped_)
    affine_warp_backward(shape_of(in), maps_.data(), options_, grad_out.data(), grad_in->data());
  else
    std::copy(grad_out.data(), grad_out.data() + grad_out.size(), grad_in->data());
}

std::optional<std::string> GeometricAugmentation::export_onnx(OnnxBuilder&,
                                                              const std::string& input) const {
  if (inference_map()) return std::nullopt;  // a crop to another size has no form here yet
  return input;
}

}  // namespace cnnlab::layers

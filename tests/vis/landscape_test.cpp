// Loss landscapes: the trained weights are the grid's centre, a seed fixes every value, the
// weights come back unchanged.
#include "cnnlab/host/landscape.hpp"

#include <catch2/catch.hpp>

#include "cnnlab/error.hpp"
#include "vis_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

const std::vector<std::string> kNet = {
    "{type: conv2d, filters: 4, kernel_size: 3, activation: relu}", "{type: batchnorm}",
    "{type: maxpool2d}", "{type: flatten}", "{type: dense, units: 3, activation: softmax}"};

LandscapeOptions options(int dims, uint64_t seed) {
  LandscapeOptions o;
  o.dims = dims;
  o.steps = 5;
  o.span = 0.5;
  o.seed = seed;
  o.batch_size = 16;
  return o;
}

std::vector<float> weights(Model& model) {
  std::vector<float> all;
  for (const Parameter* p : model.all_parameters())
    all.insert(all.end(), p->value.data(), p->value.data() + p->value.size());
  return all;
}

}  // namespace

TEST_CASE("a landscape's centre is the model's own loss on the same samples") {
  Model model = model_of(kNet, {12, 12, 1});
  const ImageSet set = stroke_set(40, 2);
  const SampleView samples = all_samples(set);
  const Evaluation e = evaluate(model, samples, 16, 255.0f);
  for (int dims : {1, 2}) {
    const Landscape l = loss_landscape(model, samples, 255.0f, options(dims, 3));
    REQUIRE(l.points.size() == (dims == 1 ? 5u : 25u));
    const LandscapePoint& centre = l.points[l.points.size() / 2];
    CHECK(centre.alpha == 0.0);
    CHECK(centre.beta == 0.0);
    CHECK(centre.loss == e.loss);
    CHECK(centre.accuracy == e.accuracy);
    CHECK(l.points.front().alpha == -0.5);
    CHECK(l.points.back().alpha == 0.5);
    CHECK(l.points.front().loss != e.loss);
  }
}

TEST_CASE("a landscape restores the weights and is the same for a seed, other for another") {
  Model model = model_of(kNet, {12, 12, 1});
  const ImageSet set = stroke_set(30, 4);
  const std::vector<float> before = weights(model);
  const std::string a =
      landscape_csv({loss_landscape(model, all_samples(set), 255.0f, options(2, 9))});
  CHECK(weights(model) == before);
  const std::string b =
      landscape_csv({loss_landscape(model, all_samples(set), 255.0f, options(2, 9))});
  const std::string c =
      landscape_csv({loss_landscape(model, all_samples(set), 255.0f, options(2, 10))});
  CHECK(a == b);
  CHECK(a != c);
  CHECK(a.rfind("model,alpha,beta,loss,accuracy\n", 0) == 0);
}

TEST_CASE("landscape options out of range are refused") {
  LandscapeOptions o = options(3, 1);
  CHECK_THROWS_AS(check_landscape_options(o), ConfigError);
  o = options(1, 1);
  o.steps = 4;
  CHECK_THROWS_WITH(check_landscape_options(o), Catch::Contains("odd"));
  o.steps = 5;
  o.span = 0.0;
  CHECK_THROWS_AS(check_landscape_options(o), ConfigError);
}

TEST_CASE("landscape pictures: two curves on one pair of axes, or a contour panel each") {
  Model model = model_of(kNet, {12, 12, 1});
  const ImageSet set = stroke_set(20, 6);
  Landscape a = loss_landscape(model, all_samples(set), 255.0f, options(1, 1));
  Landscape b = loss_landscape(model, all_samples(set), 255.0f, options(1, 2));
  a.name = "a";
  b.name = "b";
  const Picture lines = draw_landscape({a, b});
  CHECK(decoded(lines).cols == lines.width);
  REQUIRE(lines.grids.size() == 2);  // loss and accuracy axes
  for (const auto& g : lines.grids) CHECK(varied(decoded(lines), tile_rect(g, 0)));
  Landscape plane = loss_landscape(model, all_samples(set), 255.0f, options(2, 1));
  plane.name = "plane";
  const Picture contours = draw_landscape({plane, plane});
  REQUIRE(contours.grids.size() == 2);
  CHECK(varied(decoded(contours), tile_rect(contours.grids[1], 0)));
  CHECK_THROWS_AS(draw_landscape({a, plane}), ConfigError);
}

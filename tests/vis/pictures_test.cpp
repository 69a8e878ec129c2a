// The pictures of `cnnlab show`, checked from the model's shapes: one tile per filter or map,
// the encoded PNG as large as stated, no blank tile; saliency against a model that can only
// see half of the image, and against finite differences.
#include <catch2/catch.hpp>
#include <cmath>

#include "cnnlab/error.hpp"
#include "cnnlab/host/visualize.hpp"
#include "vis_support.hpp"

using namespace cnnlab;
using namespace cnnlab::test;

namespace {

const std::vector<std::string> kConvNet = {
    "{type: conv2d, filters: 6, kernel_size: 3, padding: same, activation: relu}",
    "{type: maxpool2d}",
    "{type: conv2d, filters: 5, kernel_size: 3, activation: relu}",
    "{type: batchnorm}",
    "{type: flatten}",
    "{type: dense, units: 3, activation: softmax}"};

void check_grid(const Picture& picture, const PictureGrid& grid, int64_t tiles) {
  const cv::Mat image = decoded(picture);
  REQUIRE(image.cols == picture.width);
  REQUIRE(image.rows == picture.height);
  CHECK(grid.tiles == tiles);
  CHECK(grid.cols * grid.rows >= tiles);
  CHECK((grid.rows - 1) * grid.cols < tiles);
  for (int64_t i = 0; i < tiles; ++i) {
    const cv::Rect r = tile_rect(grid, i);
    REQUIRE(r.x + r.width <= image.cols);
    REQUIRE(r.y + r.height <= image.rows);
    CHECK(varied(image, r));
  }
}

}  // namespace

TEST_CASE("filters: one normalised tile per filter of the chosen conv layer") {
  const Model model = model_of(kConvNet, {12, 12, 1});
  const Picture first = draw_filters(model, "");
  REQUIRE(first.grids.size() == 1);
  check_grid(first, first.grids[0], 6);
  const Picture second = draw_filters(model, "conv2d_1");
  check_grid(second, second.grids[0], 5);
  CHECK(second.grids[0].title.find("mean over its 6 input channels") != std::string::npos);
  const Picture per_channel = draw_filters(model, "conv2d_1", FilterView::per_channel);
  check_grid(per_channel, per_channel.grids[0], 5 * 6);
  CHECK(per_channel.grids[0].cols == 6);
}

TEST_CASE("filters of a first layer on RGB input are drawn in colour") {
  const Model model = model_of(kConvNet, {12, 12, 3});
  const Picture picture = draw_filters(model, "conv2d");
  check_grid(picture, picture.grids[0], 6);
  const cv::Mat image = decoded(picture);
  const cv::Mat tile = image(tile_rect(picture.grids[0], 0));
  bool coloured = false;
  for (int y = 0; y < tile.rows; ++y)
    for (int x = 0; x < tile.cols; ++x) {
      const cv::Vec3b p = tile.at<cv::Vec3b>(y, x);
      coloured = coloured || p[0] != p[1] || p[1] != p[2];
    }
  CHECK(coloured);
}

TEST_CASE("filters of a missing or non-conv layer are refused with the layer names") {
  const Model model = model_of(kConvNet, {12, 12, 1});
  CHECK_THROWS_WITH(draw_filters(model, "nope"),
                    Catch::Contains("no layer 'nope'") && Catch::Contains("conv2d_1"));
  CHECK_THROWS_AS(draw_filters(model, "dense"), ConfigError);
  CHECK_THROWS_AS(
      draw_filters(model_of({"{type: flatten}", "{type: dense, units: 2}"}, {4, 4, 1}), ""),
      ConfigError);
}

TEST_CASE("activations: the input, then a grid per conv and pooling layer with a tile per map") {
  const Model model = model_of(kConvNet, {12, 12, 1});
  const Picture picture =
      draw_activations(model, random_image({12, 12, 1}, 3), {}, {"a", "b", "c"});
  REQUIRE(picture.grids.size() == 4);  // input, conv2d, max_pooling2d, conv2d_1
  check_grid(picture, picture.grids[0], 1);
  CHECK(picture.grids[1].title.rfind("conv2d (Conv2D)", 0) == 0);
  check_grid(picture, picture.grids[1], 6);
  check_grid(picture, picture.grids[2], 6);
  CHECK(picture.grids[3].tiles == 5);
  const Picture chosen = draw_activations(model, random_image({12, 12, 1}, 3),
                                          {"batch_normalization"}, {"a", "b", "c"});
  REQUIRE(chosen.grids.size() == 2);
  CHECK(chosen.grids[1].tiles == 5);
}

TEST_CASE("activations refuse a layer without feature maps and an image of another shape") {
  const Model model = model_of(kConvNet, {12, 12, 1});
  CHECK_THROWS_WITH(draw_activations(model, random_image({12, 12, 1}, 1), {"dense"}, {}),
                    Catch::Contains("not feature maps"));
  CHECK_THROWS_AS(draw_activations(model, random_image({10, 12, 1}, 1), {}, {}), ShapeError);
}

TEST_CASE("saliency of a model that only sees the left half lies in the left half") {
  Model model =
      model_of({"{type: conv2d, filters: 4, kernel_size: 3, padding: same, activation: relu}",
                "{type: batchnorm}", "{type: maxpool2d}", "{type: flatten}",
                "{type: dense, units: 2, activation: softmax}"},
               {16, 16, 1});
  // The dense kernel is {8 * 8 * 4, 2}: rows of pooled columns 4..7 see the right half.
  Parameter* kernel = model.layers().back().layer->parameters().front();
  for (int64_t y = 0; y < 8; ++y)
    for (int64_t x = 4; x < 8; ++x)
      for (int64_t c = 0; c < 4; ++c)
        for (int64_t u = 0; u < 2; ++u) kernel->value[((y * 8 + x) * 4 + c) * 2 + u] = 0.0f;
  const Saliency s = input_saliency(model, random_image({16, 16, 1}, 11));
  double left = 0.0, right = 0.0;
  for (int64_t y = 0; y < 16; ++y)
    for (int64_t x = 0; x < 16; ++x) (x < 8 ? left : right) += s.map[y * 16 + x];
  CHECK(left > 0.0);
  // A 3x3 kernel reaches one pixel over the border: column 8 may carry a little.
  double beyond = 0.0;
  for (int64_t y = 0; y < 16; ++y)
    for (int64_t x = 9; x < 16; ++x) beyond += s.map[y * 16 + x];
  CHECK(beyond == 0.0);
  CHECK(right < 0.2 * left);
  const Picture picture = draw_saliency(model, random_image({16, 16, 1}, 11), {"x", "y"});
  check_grid(picture, picture.grids[0], 3);
}

TEST_CASE("saliency is the gradient of the top class's logit (finite differences)") {
  const Model model = model_of(kConvNet, {12, 12, 1});
  const Tensor image = random_image({12, 12, 1}, 21);
  const Saliency s = input_saliency(model, image);
  Model probe = model_of(kConvNet, {12, 12, 1});
  auto logit = [&](const Tensor& x) {
    return static_cast<double>(probe.forward(x, false)[static_cast<size_t>(s.top_class)]);
  };
  for (size_t pixel : {0u, 17u, 30u, 77u, 143u}) {
    const double h = 1e-2;
    Tensor up = image, down = image;
    up[pixel] += h;
    down[pixel] -= h;
    const double numeric = std::fabs((logit(up) - logit(down)) / (2 * h));
    CHECK(s.map[pixel] == Approx(numeric).margin(2e-3).epsilon(0.05));
  }
}

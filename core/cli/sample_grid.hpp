#pragma once
// The picture `cnnlab samples` writes: dataset images in a grid, each with its class name
// under it (the lecture's show_data_sample), drawn with OpenCV.
#include <cstddef>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "cnnlab/dataset.hpp"

namespace cnnlab::cli {

// The first `count` images of `set` (fewer if it holds fewer) as a BGR picture, row by row in
// a near-square grid. Small images are enlarged by a whole factor, pixels kept sharp
// (nearest neighbour), until a tile is at least 96 px; large ones are shrunk to at most 256 px.
// Each name is written black on white under its tile, in the largest font (up to a
// comfortable size) at which every name fits; a name too long even at the smallest readable
// size is shortened with "..".
cv::Mat draw_sample_grid(const ImageSet& set, size_t count,
                         const std::vector<std::string>& class_names);

}  // namespace cnnlab::cli

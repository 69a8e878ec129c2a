#pragma once
// Learning curves of a stored run, drawn as an image (OpenCV).
#include <string>

#include "cnnlab/export.hpp"
#include "cnnlab/host/store_records.hpp"

namespace cnnlab {

// Draws `metric` ("loss" or "accuracy") per epoch for the training set (solid) and the
// validation fold (dashed) of every fold, one colour per fold, with the best epoch of each
// fold marked, axes with ticks, a legend and a title; writes it to `image_path` (PNG, or any
// format OpenCV knows by extension). ConfigError for an unknown metric, StoreError when the
// run has no epochs or the file cannot be written.
CNNLAB_API void plot_learning_curves(const RunDetail& run, const std::string& metric,
                                     const std::string& image_path);

}  // namespace cnnlab

#pragma once
// The numerical core: forward and backward of every layer's math on raw NHWC float arrays.
// Kernels know nothing of plugins, configuration or storage; they parallelise with
// cnnlab::parallel_for over fixed chunks, so their results do not depend on the thread count.
#include "cnnlab/kernels/activation.hpp"
#include "cnnlab/kernels/window.hpp"

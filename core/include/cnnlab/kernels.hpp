#pragma once
// The numerical core: forward and backward of every layer's math on raw NHWC float arrays.
// Kernels know nothing of plugins, configuration or storage; they parallelise with
// cnnlab::parallel_for over chunks fixed by the shapes alone, and never split a sum across
// chunks except into partials added in chunk order, so results are bit-identical for every
// thread count.
//
// Gradients: a backward kernel propagates whatever dy it is given and sums parameter
// gradients over the batch. The loss hands the model dL/dlogits already divided by the batch
// size, so the sums are the gradients of the mean loss.
#include "cnnlab/kernels/activation.hpp"
#include "cnnlab/kernels/augment.hpp"
#include "cnnlab/kernels/batchnorm.hpp"
#include "cnnlab/kernels/conv2d.hpp"
#include "cnnlab/kernels/cpu.hpp"
#include "cnnlab/kernels/dense.hpp"
#include "cnnlab/kernels/depthwise_conv2d.hpp"
#include "cnnlab/kernels/dropout.hpp"
#include "cnnlab/kernels/gemm.hpp"
#include "cnnlab/kernels/global_pooling.hpp"
#include "cnnlab/kernels/pooling.hpp"
#include "cnnlab/kernels/window.hpp"

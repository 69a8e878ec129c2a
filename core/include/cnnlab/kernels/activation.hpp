#pragma once
#include <cstdint>

#include "cnnlab/export.hpp"

namespace cnnlab {

// Keras' activation functions. Softmax normalises over the last axis.
enum class Activation { linear, relu, sigmoid, tanh, softmax };

}  // namespace cnnlab

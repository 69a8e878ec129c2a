#pragma once
#include <cstdint>

#include "cnnlab/kernels/window.hpp"

// im2col and col2im_add (../im2col.hpp) with AVX-512 loads and stores for the runs. Call them
// only when cpu_has_avx512().
namespace cnnlab::kernels_detail::avx512 {

void im2col(const Window2d& w, int64_t channels, const float* image, float* columns);
void col2im_add(const Window2d& w, int64_t channels, const float* columns, float* image);

}  // namespace cnnlab::kernels_detail::avx512

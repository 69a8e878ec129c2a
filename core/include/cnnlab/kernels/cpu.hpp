#pragma once
#include "cnnlab/export.hpp"

namespace cnnlab {

// The instruction set the kernels chose for this process: "avx512" when the CPU has AVX-512F
// and the build has those kernels (x86-64), else "generic". Chosen at run time, so a portable
// build uses AVX-512 where it can; CNNLAB_MAX_CPU_ISA=generic caps it to compare the paths.
CNNLAB_API const char* kernel_isa();

}  // namespace cnnlab

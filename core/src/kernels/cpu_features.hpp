#pragma once

namespace cnnlab::kernels_detail {

// Whether the kernels compiled for AVX-512 (core/src/kernels/avx512/) may run: the CPU has
// AVX-512F, the build has those kernels (x86-64), and CNNLAB_MAX_CPU_ISA does not say
// `generic`. Decided once per process, so one portable binary runs the fast paths where the
// CPU has them and the portable ones elsewhere. Every caller branches on this, never on
// compile-time macros: a `-march=native` build and a portable build take the same paths.
bool cpu_has_avx512();

}  // namespace cnnlab::kernels_detail

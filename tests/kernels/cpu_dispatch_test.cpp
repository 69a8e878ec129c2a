// The kernels choose their instruction set at run time: the AVX-512 kernels where the CPU has
// AVX-512F, the portable ones elsewhere or when CNNLAB_MAX_CPU_ISA=generic caps them. ctest
// also runs the convolution tests with that cap, so both paths are checked against the
// reference on an AVX-512 machine.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <string>

#include "cnnlab/kernels/cpu.hpp"
#include "test_support.hpp"

namespace {

std::string expected_isa() {
  const char* cap = std::getenv("CNNLAB_MAX_CPU_ISA");
  if (cap && std::strcmp(cap, "generic") == 0) return "generic";
#if defined(__x86_64__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") ? "avx512" : "generic";
#else
  return "generic";
#endif
}

}  // namespace

TEST_CASE("the kernels run AVX-512 exactly where the CPU has it and the cap allows it",
          "[kernels][cpu]") {
  CHECK(std::string(cnnlab::kernel_isa()) == expected_isa());
}

TEST_CASE("cnnlab bench names the kernels' instruction set, and the cap reaches it",
          "[kernels][cpu]") {
  cnnlab::test::TempDir dir;
  cnnlab::test::write_file(dir.file("tiny.yaml"), R"(name: tiny
dataset: {type: idx, path: /nonexistent, classes: [a, b]}
model:
  input_shape: [8, 8, 3]
  layers:
    - {type: conv2d, filters: 4, kernel_size: 3, strides: 2, activation: relu}
    - {type: flatten}
    - {type: dense, units: 2, activation: softmax}
training: {optimizer: {type: sgd}}
)");
  const auto native = cnnlab::test::run_cnnlab(
      {"bench", dir.file("tiny.yaml"), "--batch", "4", "--seconds", "0.05"});
  INFO(native.err);
  REQUIRE(native.exit_code == 0);
  CHECK_THAT(native.out, Catch::Contains(expected_isa() + " kernels"));
  const auto capped = cnnlab::test::run_cnnlab(
      {"bench", dir.file("tiny.yaml"), "--batch", "4", "--seconds", "0.05"},
      {"CNNLAB_MAX_CPU_ISA=generic"});
  REQUIRE(capped.exit_code == 0);
  CHECK_THAT(capped.out, Catch::Contains("generic kernels"));
}

# Sources of core/src/kernels: the numerical core (see cnnlab/kernels.hpp).
target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/activation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/augment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/batchnorm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/bias.cpp
  ${CMAKE_CURRENT_LIST_DIR}/conv2d.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cpu_features.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dense.cpp
  ${CMAKE_CURRENT_LIST_DIR}/depthwise_conv2d.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dropout.cpp
  ${CMAKE_CURRENT_LIST_DIR}/gemm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/global_pooling.cpp
  ${CMAKE_CURRENT_LIST_DIR}/im2col.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pooling.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scratch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/window.cpp)
# The AVX-512 kernels are compiled for AVX-512 whatever the build targets and chosen at run
# time (cpu_features.hpp): a portable build (CNNLAB_NATIVE=OFF) runs them where the CPU has
# AVX-512, a -march=native build takes the same paths. An object library, so the kernels'
# symbol test can inspect exactly these objects.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
  add_library(cnnlab_kernels_avx512 OBJECT
    ${CMAKE_CURRENT_LIST_DIR}/avx512/direct_blocks.cpp
    ${CMAKE_CURRENT_LIST_DIR}/avx512/im2col_runs.cpp)
  target_compile_options(cnnlab_kernels_avx512 PRIVATE -mavx512f)
  target_include_directories(cnnlab_kernels_avx512 PRIVATE ${PROJECT_SOURCE_DIR}/core/include)
  target_sources(cnnlab_core PRIVATE ${CMAKE_CURRENT_LIST_DIR}/conv2d_direct.cpp
                                     $<TARGET_OBJECTS:cnnlab_kernels_avx512>)
  target_compile_definitions(cnnlab_core PRIVATE CNNLAB_AVX512_KERNELS)
endif()
# gemm.cpp limits oneDNN's OpenMP team per calling thread: link the OpenMP runtime oneDNN
# uses, without compiling our own code for OpenMP.
find_package(OpenMP REQUIRED COMPONENTS CXX)
target_link_libraries(cnnlab_core PRIVATE ${OpenMP_CXX_LIBRARIES})

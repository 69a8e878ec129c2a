# Sources of core/src/kernels: the numerical core (see cnnlab/kernels.hpp).
target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/activation.cpp
  ${CMAKE_CURRENT_LIST_DIR}/augment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/batchnorm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/conv2d.cpp
  ${CMAKE_CURRENT_LIST_DIR}/conv2d_direct.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dense.cpp
  ${CMAKE_CURRENT_LIST_DIR}/depthwise_conv2d.cpp
  ${CMAKE_CURRENT_LIST_DIR}/dropout.cpp
  ${CMAKE_CURRENT_LIST_DIR}/gemm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/global_pooling.cpp
  ${CMAKE_CURRENT_LIST_DIR}/im2col.cpp
  ${CMAKE_CURRENT_LIST_DIR}/pooling.cpp
  ${CMAKE_CURRENT_LIST_DIR}/scratch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/window.cpp)
# gemm.cpp limits oneDNN's OpenMP team per calling thread: link the OpenMP runtime oneDNN
# uses, without compiling our own code for OpenMP.
find_package(OpenMP REQUIRED COMPONENTS CXX)
target_link_libraries(cnnlab_core PRIVATE ${OpenMP_CXX_LIBRARIES})

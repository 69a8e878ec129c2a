# Sources of core/src/kernels: the numerical core (see cnnlab/kernels.hpp).
target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/window.cpp)

target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/shape.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tensor.cpp)

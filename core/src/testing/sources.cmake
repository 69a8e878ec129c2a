target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/gradient_check.cpp
  ${CMAKE_CURRENT_LIST_DIR}/inputs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/layer_check.cpp
  ${CMAKE_CURRENT_LIST_DIR}/layer_contracts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugin_layer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/round_trip.cpp
  ${CMAKE_CURRENT_LIST_DIR}/check_tensors.cpp)

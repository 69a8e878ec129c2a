target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/class_names.cpp
  ${CMAKE_CURRENT_LIST_DIR}/init.cpp
  ${CMAKE_CURRENT_LIST_DIR}/interfaces.cpp
  ${CMAKE_CURRENT_LIST_DIR}/layer_utils.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/summary.cpp)

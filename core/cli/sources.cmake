target_sources(cnnlab PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/main.cpp
  ${CMAKE_CURRENT_LIST_DIR}/options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugins_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sample_grid.cpp
  ${CMAKE_CURRENT_LIST_DIR}/samples_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/summary_command.cpp)

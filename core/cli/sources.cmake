target_sources(cnnlab PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/main.cpp
  ${CMAKE_CURRENT_LIST_DIR}/options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugins_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sample_grid.cpp
  ${CMAKE_CURRENT_LIST_DIR}/samples_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runs_command.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runs_compare.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runs_export.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runs_list.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runs_plot.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runs_rm.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runs_show.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runs_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/summary_command.cpp)

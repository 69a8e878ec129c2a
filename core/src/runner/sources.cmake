target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/cell_runner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/comparison_table.cpp
  ${CMAKE_CURRENT_LIST_DIR}/experiment_identity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/launch_plan.cpp
  ${CMAKE_CURRENT_LIST_DIR}/loaded_data.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_experiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/store_observer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/trained_model.cpp)

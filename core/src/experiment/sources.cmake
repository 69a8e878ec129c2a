# Sources of core/src/experiment: YAML experiments -> validated specs, variants, models.
target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/experiment.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model_builder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/output_units.cpp
  ${CMAKE_CURRENT_LIST_DIR}/overrides.cpp
  ${CMAKE_CURRENT_LIST_DIR}/params.cpp
  ${CMAKE_CURRENT_LIST_DIR}/spec_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/training_reader.cpp
  ${CMAKE_CURRENT_LIST_DIR}/variants.cpp
  ${CMAKE_CURRENT_LIST_DIR}/yaml_io.cpp)

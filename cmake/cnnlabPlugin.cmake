# cnnlab_add_plugin(NAME SOURCES...): a cnnlab plugin is a MODULE library linked against
# libcnnlab, hidden visibility, placed where the runner looks for plugins. Shipped with the
# package config too, so out-of-tree plugins build the same way.
function(cnnlab_add_plugin name)
  add_library(${name} MODULE ${ARGN})
  if(TARGET cnnlab::core)
    target_link_libraries(${name} PRIVATE cnnlab::core)
  endif()
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(DEFINED CNNLAB_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES
      LIBRARY_OUTPUT_DIRECTORY "${CNNLAB_PLUGIN_OUTPUT_DIR}")
  endif()
endfunction()

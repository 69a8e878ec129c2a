# cnnlab_add_plugin(<name> [OUTPUT_DIRECTORY <dir>] [NO_INSTALL] <source>...)
#
# A cnnlab plugin is a MODULE library linked to cnnlab::core, with hidden visibility: it
# exports only the entry point that CNNLAB_PLUGIN declares. This file ships with the package
# config, so out-of-tree plugins build exactly like the built-in ones.
#
# - Built-in plugins (inside the cnnlab build, where plugins/CMakeLists.txt sets
#   CNNLAB_PLUGIN_OUTPUT_DIR) land in the runner's plugin folder and are installed to
#   <prefix>/<libdir>/cnnlab/plugins, unless NO_INSTALL.
# - Other plugins (tests, or out of tree after find_package(cnnlab)) land in OUTPUT_DIRECTORY
#   or the project's library output directory and are never installed by this function. Out
#   of tree, `install(TARGETS <name> LIBRARY DESTINATION ${CNNLAB_PLUGIN_INSTALL_DIR})` puts
#   one next to the found cnnlab's own plugins, where its runner looks by default.
function(cnnlab_add_plugin name)
  cmake_parse_arguments(PLUGIN "NO_INSTALL" "OUTPUT_DIRECTORY" "" ${ARGN})
  add_library(${name} MODULE ${PLUGIN_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE cnnlab::core)
  set_target_properties(${name} PROPERTIES
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)

  # Only the cnnlab build itself has the non-namespaced core target.
  set(builtin FALSE)
  if(TARGET cnnlab_core AND DEFINED CNNLAB_PLUGIN_OUTPUT_DIR AND NOT PLUGIN_OUTPUT_DIRECTORY)
    set(builtin TRUE)
    set(PLUGIN_OUTPUT_DIRECTORY "${CNNLAB_PLUGIN_OUTPUT_DIR}")
  endif()
  if(PLUGIN_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${PLUGIN_OUTPUT_DIRECTORY}")
  endif()
  if(builtin AND NOT PLUGIN_NO_INSTALL)
    # Installed plugins sit in <libdir>/cnnlab/plugins, two levels below libcnnlab.
    set_target_properties(${name} PROPERTIES INSTALL_RPATH "$ORIGIN/../..")
    install(TARGETS ${name} LIBRARY DESTINATION "${CNNLAB_PLUGIN_SUBDIR}")
    set_property(GLOBAL APPEND PROPERTY CNNLAB_BUILTIN_PLUGINS ${name})
  endif()
endfunction()

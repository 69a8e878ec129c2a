target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/elf_check.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugin_host.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plugin_library.cpp)

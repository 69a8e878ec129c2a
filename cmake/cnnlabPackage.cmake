# Makes cnnlab a CMake package, so that plugins can be written without its sources:
# find_package(cnnlab) works against an install (`cmake --install`) and against this build
# tree (-Dcnnlab_DIR=<build dir>), which mirrors the install layout.
include(CMakePackageConfigHelpers)

set(CNNLAB_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/cnnlab")
set(cnnlab_package_dir "${CMAKE_CURRENT_LIST_DIR}")
# The plugin API may change between minor versions while cnnlab is 0.x.
write_basic_package_version_file("${CMAKE_BINARY_DIR}/cnnlabConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)

# Install: config, version and targets in <libdir>/cmake/cnnlab, all paths relative.
configure_package_config_file("${cnnlab_package_dir}/cnnlabConfig.cmake.in"
  "${CMAKE_BINARY_DIR}/package/cnnlabConfig.cmake"
  INSTALL_DESTINATION "${CNNLAB_CMAKE_INSTALL_DIR}"
  PATH_VARS CNNLAB_PLUGIN_SUBDIR)
install(EXPORT cnnlabTargets NAMESPACE cnnlab:: DESTINATION "${CNNLAB_CMAKE_INSTALL_DIR}")
install(FILES
  "${CMAKE_BINARY_DIR}/package/cnnlabConfig.cmake"
  "${CMAKE_BINARY_DIR}/cnnlabConfigVersion.cmake"
  "${cnnlab_package_dir}/cnnlabPlugin.cmake"
  DESTINATION "${CNNLAB_CMAKE_INSTALL_DIR}")

# Build tree: the same files at the top of the build directory, the build directory standing
# for the install prefix.
configure_package_config_file("${cnnlab_package_dir}/cnnlabConfig.cmake.in"
  "${CMAKE_BINARY_DIR}/cnnlabConfig.cmake"
  INSTALL_DESTINATION "${CMAKE_BINARY_DIR}"
  INSTALL_PREFIX "${CMAKE_BINARY_DIR}"
  PATH_VARS CNNLAB_PLUGIN_SUBDIR)
export(EXPORT cnnlabTargets NAMESPACE cnnlab:: FILE "${CMAKE_BINARY_DIR}/cnnlabTargets.cmake")
configure_file("${cnnlab_package_dir}/cnnlabPlugin.cmake" "${CMAKE_BINARY_DIR}/cnnlabPlugin.cmake"
  COPYONLY)

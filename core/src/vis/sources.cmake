# Sources of core/src/vis: pictures of a model's insides (filters, feature maps, saliency),
# loss landscapes and stored runs' learning curves, drawn with OpenCV.
target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/activations.cpp
  ${CMAKE_CURRENT_LIST_DIR}/curve_plot.cpp
  ${CMAKE_CURRENT_LIST_DIR}/filters.cpp
  ${CMAKE_CURRENT_LIST_DIR}/find_layer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/input_tile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/landscape.cpp
  ${CMAKE_CURRENT_LIST_DIR}/landscape_directions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/landscape_plot.cpp
  ${CMAKE_CURRENT_LIST_DIR}/layer_trace.cpp
  ${CMAKE_CURRENT_LIST_DIR}/picture_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/plot_axes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/saliency.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sheet.cpp)

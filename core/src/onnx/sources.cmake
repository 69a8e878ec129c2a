# ONNX export: Debian's libonnx (protobuf classes and the checker) writes the file; OpenCV's DNN
# module is the independent runtime of `export --check`. Both stay private to libcnnlab, so no
# protobuf type or symbol leaves it.
find_package(ONNX REQUIRED)
find_package(Protobuf REQUIRED)
find_package(OpenCV 4 REQUIRED COMPONENTS dnn)
target_link_libraries(cnnlab_core PRIVATE onnx onnx_proto protobuf::libprotobuf opencv_dnn)
target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/graph_builder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/model_export.cpp
  ${CMAKE_CURRENT_LIST_DIR}/opencv_runner.cpp)

// An ONNX file through OpenCV's DNN module: the independent runtime `export --check` compares
// cnnlab's own predictions with.
#include <algorithm>
#include <opencv2/dnn.hpp>

#include "cnnlab/error.hpp"
#include "cnnlab/host/onnx_export.hpp"

namespace cnnlab {

Tensor run_onnx_with_opencv(const std::string& path, const Tensor& input) {
  try {
    cv::dnn::Net net = cv::dnn::readNetFromONNX(path);
    const std::vector<int> dims(input.dims().begin(), input.dims().end());
    // OpenCV only reads the blob; the Mat header wraps the tensor without copying it.
    const cv::Mat blob(static_cast<int>(dims.size()), dims.data(), CV_32F,
                       const_cast<float*>(input.data()));
    net.setInput(blob, "input");
    const cv::Mat out = net.forward();
    std::vector<int64_t> out_dims(out.size.p, out.size.p + out.dims);
    Tensor result(out_dims);
    if (result.size() != out.total() || !out.isContinuous() || out.type() != CV_32F)
      throw DataError(path + ": OpenCV's output is not a float tensor");
    std::copy(out.ptr<float>(), out.ptr<float>() + out.total(), result.data());
    return result;
  } catch (const cv::Exception& e) {
    throw DataError(path + ": OpenCV's DNN module cannot run it: " + e.msg);
  }
}

}  // namespace cnnlab

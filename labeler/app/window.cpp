#include "window.hpp"

#include <opencv2/highgui.hpp>

#include "cnnlab/error.hpp"
#include "display_check.hpp"
#include "labeler/keys.hpp"
#include "qt_focus.hpp"

namespace cnnlab::label::app {

Window::Window(std::string title) : title_(std::move(title)) {
  const std::string problem = display_problem();
  if (!problem.empty()) throw Error("cannot open a window: " + problem);
  // AUTOSIZE: the window takes the size of the frames, which are drawn at the window size,
  // so Qt never rescales the text. GUI_NORMAL: no toolbar or status bar.
  cv::namedWindow(title_, cv::WINDOW_AUTOSIZE | cv::WINDOW_GUI_NORMAL);
}

Window::~Window() {
  try {
    cv::destroyWindow(title_);
    cv::waitKey(1);
  } catch (const cv::Exception&) {
  }
}

void Window::show(const cv::Mat& frame) {
  cv::imshow(title_, frame);
  if (!shown_) keep_keys_on_window(title_);
  shown_ = true;
}

int Window::wait_key(int timeout_ms) { return key::normalize(cv::waitKeyEx(timeout_ms)); }

bool Window::closed() const {
  try {
    return cv::getWindowProperty(title_, cv::WND_PROP_VISIBLE) < 1;
  } catch (const cv::Exception&) {
    return true;
  }
}

}  // namespace cnnlab::label::app

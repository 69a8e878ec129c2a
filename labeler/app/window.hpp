#pragma once
// The one OpenCV highgui window of a labelling session.
#include <opencv2/core.hpp>
#include <string>

namespace cnnlab::label::app {

class Window {
 public:
  // Throws cnnlab::Error when no display can be reached (see display_problem).
  explicit Window(std::string title);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  void show(const cv::Mat& frame);
  // The next key (key::normalize'd) within timeout_ms, -1 when none. Also lets Qt paint.
  int wait_key(int timeout_ms);
  // True once the user closed the window with the window manager.
  bool closed() const;

 private:
  std::string title_;
  bool shown_ = false;
};

}  // namespace cnnlab::label::app

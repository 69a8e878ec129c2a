#pragma once
#include <string>

namespace cnnlab::label::app {

// Under OpenCV's Qt backend, Tab or a click gives the keyboard focus to the image view inside
// the window, and from then on the view swallows the arrow keys, Tab and PageUp/PageDown
// (opencv/opencv#20215). Making the window's child widgets unfocusable keeps every key
// flowing to cv::waitKeyEx. Qt's C++ API is reached through the symbols highgui already
// loaded, so no Qt headers are needed; with another highgui backend this does nothing.
void keep_keys_on_window(const std::string& window_title);

}  // namespace cnnlab::label::app

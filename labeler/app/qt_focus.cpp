#include "qt_focus.hpp"

#include <dlfcn.h>
#include <opencv2/highgui/highgui_c.h>

namespace cnnlab::label::app {

void keep_keys_on_window(const std::string& window_title) {
  // Itanium C++ ABI: a non-virtual member function is called like a free function taking
  // `this` first. QWidget::nextInFocusChain() const and QWidget::setFocusPolicy(Qt::FocusPolicy).
  using NextInFocusChain = void* (*)(const void*);
  using SetFocusPolicy = void (*)(void*, int);
  const auto next =
      reinterpret_cast<NextInFocusChain>(dlsym(RTLD_DEFAULT, "_ZNK7QWidget16nextInFocusChainEv"));
  const auto set_policy = reinterpret_cast<SetFocusPolicy>(
      dlsym(RTLD_DEFAULT, "_ZN7QWidget14setFocusPolicyEN2Qt11FocusPolicyE"));
  if (!next || !set_policy) return;
  // With the Qt backend the handle is the window's QWidget (CvWindow derives from it singly).
  void* window = cvGetWindowHandle(window_title.c_str());
  if (!window) return;
  constexpr int kNoFocus = 0;  // Qt::NoFocus
  constexpr int kMaxWidgets = 256;
  int visited = 0;
  for (void* w = next(window); w && w != window && visited < kMaxWidgets; w = next(w), ++visited)
    set_policy(w, kNoFocus);
}

}  // namespace cnnlab::label::app

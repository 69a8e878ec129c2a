#include "display_check.hpp"

#include <dlfcn.h>

#include <cstdlib>

namespace cnnlab::label::app {

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// libxcb's connect/has_error/disconnect, looked up at run time so that building cnnlab-label
// needs no X11 development files. nullopt-like "" when the library is missing.
std::string try_x_connection(const std::string& display) {
  void* xcb = dlopen("libxcb.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!xcb) return "";  // no libxcb: Qt's xcb platform cannot be there either; let Qt decide
  using Connect = void* (*)(const char*, int*);
  using HasError = int (*)(void*);
  using Disconnect = void (*)(void*);
  const auto connect = reinterpret_cast<Connect>(dlsym(xcb, "xcb_connect"));
  const auto has_error = reinterpret_cast<HasError>(dlsym(xcb, "xcb_connection_has_error"));
  const auto disconnect = reinterpret_cast<Disconnect>(dlsym(xcb, "xcb_disconnect"));
  std::string problem;
  if (connect && has_error && disconnect) {
    void* connection = connect(display.c_str(), nullptr);
    if (has_error(connection) != 0)
      problem = "cannot connect to the X display '" + display +
                "' (is the X server running, and may this user use it?)";
    disconnect(connection);
  }
  dlclose(xcb);
  return problem;
}

}  // namespace

std::string display_problem() {
  const std::string platform = environment("QT_QPA_PLATFORM");
  if (!platform.empty() && platform.rfind("xcb", 0) != 0) return "";  // offscreen, vnc, wayland...
  const std::string display = environment("DISPLAY");
  const std::string hint = "; use --headless with --script FILE, or run under xvfb-run";
  if (display.empty()) {
    if (!environment("WAYLAND_DISPLAY").empty())
      return "WAYLAND_DISPLAY is set but DISPLAY is not: OpenCV's Qt window needs X11 "
             "(XWayland)" +
             hint;
    return "no display: DISPLAY is not set" + hint;
  }
  const std::string problem = try_x_connection(display);
  return problem.empty() ? "" : problem + hint;
}

}  // namespace cnnlab::label::app

#pragma once
#include <string>

namespace cnnlab::label::app {

// Why no window can be opened here, or "" when one can. OpenCV's Qt backend aborts the whole
// process when it cannot reach a display, so this runs before any highgui window call: it
// connects to the X server the way Qt's xcb platform will (libxcb, loaded at run time).
std::string display_problem();

}  // namespace cnnlab::label::app

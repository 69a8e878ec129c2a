#pragma once
// Keys as cv::waitKeyEx reports them under OpenCV's Qt backend on X11: ASCII for printable keys
// and BackSpace/Tab/Enter/Esc, X11 keysyms for the navigation keys. Scripts name keys the way
// xdotool does ("Right", "BackSpace", "Return"), plus a few friendlier spellings ("Enter").
#include <optional>
#include <string>

namespace cnnlab::label::key {

constexpr int kBackSpace = 8;
constexpr int kTab = 9;
constexpr int kEnter = 13;
constexpr int kEscape = 27;
constexpr int kSpace = 32;
constexpr int kHome = 65360;
constexpr int kLeft = 65361;
constexpr int kUp = 65362;
constexpr int kRight = 65363;
constexpr int kDown = 65364;
constexpr int kPageUp = 65365;
constexpr int kPageDown = 65366;
constexpr int kEnd = 65367;
constexpr int kDelete = 65535;

// Folds the variants a keyboard can produce onto the codes above: keypad Enter and the X11
// keysyms of Return/Tab/BackSpace/Escape, and upper-case letters (Caps Lock or Shift), so that
// bindings never depend on modifier state. -1 (no key) stays -1.
int normalize(int raw);

// The code for a key name ("1", "q", "Right", "BackSpace", "Tab", "Enter"/"Return", "Esc"/
// "Escape", "space", "Prior"/"PageUp", ...); names of more than one character ignore case.
std::optional<int> parse_name(const std::string& name);

// The canonical name of a code ("Right", "q", "BackSpace"); "key<N>" for codes without one.
std::string name(int code);

// The digit 1..9, 0 as a class index 0..9 (the `0` key is the tenth class); nullopt otherwise.
std::optional<int> class_index_of_digit(int code);

}  // namespace cnnlab::label::key

#include "labeler/controller.hpp"

#include "labeler/keys.hpp"

namespace cnnlab::label {

std::vector<KeyHelp> browse_key_help() {
  return {
      {"1..9, 0", "label with class 1..10 (and advance)"},
      {"Enter", "accept the model's guess"},
      {"Right, d, Space", "next image"},
      {"Left, a", "previous image"},
      {"Home, End", "first, last image"},
      {"g", "first unlabelled image"},
      {"BackSpace, z", "undo (repeatable)"},
      {"y", "redo"},
      {"s", "skip (not labelled)"},
      {"x", "reject (never exported)"},
      {"Tab", "auto-advance on/off"},
      {"r", "review grid"},
      {"e", "export now"},
      {"q, Esc", "export and quit"},
      {"h", "this help"},
  };
}

std::vector<KeyHelp> review_key_help() {
  return {
      {"arrows, a, d", "select a tile"},    {"PageDown, n, Space", "next page"},
      {"PageUp, p", "previous page"},       {"1..9, 0", "relabel the selected image"},
      {"x", "reject the selected image"},   {"c", "show the next class / all"},
      {"Enter", "open the selected image"}, {"BackSpace, z / y", "undo / redo"},
      {"r, Esc", "back to labelling"},      {"e / q", "export / export and quit"},
  };
}

Controller::Controller(Session& session, GridLayout layout) : session_(session), layout_(layout) {}

Outcome Controller::handle(int key) {
  message_.clear();
  if (help_) {
    help_ = false;
    if (key == 'h' || key == key::kEscape) return {};
  } else if (key == 'h') {
    help_ = true;
    return {};
  }
  return view_ == View::Browse ? handle_browse(key) : handle_review(key);
}

std::string Controller::class_key_problem(int class_index) const {
  if (static_cast<size_t>(class_index) < session_.classes().size()) return "";
  return "no class on key " + std::to_string((class_index + 1) % 10) + " (" +
         std::to_string(session_.classes().size()) + " classes)";
}

Outcome Controller::label_in_browse(int class_index) {
  message_ = class_key_problem(class_index);
  if (!message_.empty()) return {};
  const bool at_end = session_.cursor() + 1 == session_.size();
  Outcome outcome;
  outcome.decided = session_.label_current(class_index);
  if (at_end && session_.auto_advance())
    message_ = "last image (g: first unlabelled, q: export and quit)";
  return outcome;
}

void Controller::undo_or_redo(bool undo) {
  const bool done = undo ? session_.undo() : session_.redo();
  if (!done) message_ = undo ? "nothing to undo" : "nothing to redo";
}

void Controller::open_review() {
  const ImageState s = session_.state(session_.cursor());
  const int filter = s.status == Status::Labelled ? s.label : ReviewGrid::kAllClasses;
  grid_ = std::make_unique<ReviewGrid>(session_, filter, layout_);
  view_ = View::Review;
  if (grid_->empty()) message_ = "nothing labelled yet";
}

Outcome Controller::handle_browse(int key) {
  if (const auto c = key::class_index_of_digit(key)) return label_in_browse(*c);
  Outcome outcome;
  const bool at_end = session_.cursor() + 1 == session_.size();
  switch (key) {
    case key::kEnter:
      if (const auto g = session_.guess(session_.cursor()))
        outcome = label_in_browse(g->class_index);
      else
        message_ = "no model guess for this image";
      break;
    case key::kRight:
    case 'd':
    case key::kSpace:
      if (!session_.next()) message_ = "last image";
      break;
    case key::kLeft:
    case 'a':
      if (!session_.previous()) message_ = "first image";
      break;
    case key::kHome:
      session_.go_to(0);
      break;
    case key::kEnd:
      session_.go_to(session_.size() - 1);
      break;
    case 'g':
      if (!session_.go_to_first_open()) message_ = "every image is labelled or rejected";
      break;
    case key::kBackSpace:
    case 'z':
      undo_or_redo(true);
      break;
    case 'y':
      undo_or_redo(false);
      break;
    case 's':
      outcome.decided = session_.skip_current();
      if (at_end && session_.auto_advance()) message_ = "last image";
      break;
    case 'x':
      outcome.decided = session_.reject_current();
      if (at_end && session_.auto_advance()) message_ = "last image";
      break;
    case key::kTab:
      session_.set_auto_advance(!session_.auto_advance());
      message_ = session_.auto_advance() ? "auto-advance on" : "auto-advance off";
      break;
    case 'r':
      open_review();
      break;
    case 'e':
      outcome.request = Request::Export;
      break;
    case 'q':
    case key::kEscape:
      outcome.request = Request::Quit;
      break;
    default:
      outcome.known = false;
  }
  return outcome;
}

Outcome Controller::handle_review(int key) {
  ReviewGrid& grid = *grid_;
  Outcome outcome;
  if (const auto c = key::class_index_of_digit(key)) {
    message_ = class_key_problem(*c);
    if (message_.empty() && grid.selected_image())
      outcome.decided = session_.set_label(*grid.selected_image(), *c);
    return outcome;
  }
  switch (key) {
    case key::kLeft:
    case 'a':
      grid.move(-1, 0);
      break;
    case key::kRight:
    case 'd':
      grid.move(1, 0);
      break;
    case key::kUp:
      grid.move(0, -1);
      break;
    case key::kDown:
      grid.move(0, 1);
      break;
    case key::kPageDown:
    case 'n':
    case key::kSpace:
      grid.next_page();
      break;
    case key::kPageUp:
    case 'p':
      grid.previous_page();
      break;
    case 'x':
      if (grid.selected_image()) outcome.decided = session_.set_rejected(*grid.selected_image());
      break;
    case 'c': {
      const int classes = static_cast<int>(session_.classes().size());
      const int next = grid.filter() + 1 < classes ? grid.filter() + 1 : ReviewGrid::kAllClasses;
      grid_ = std::make_unique<ReviewGrid>(session_, next, layout_);
      break;
    }
    case key::kEnter:
      if (grid.selected_image()) session_.go_to(*grid.selected_image());
      view_ = View::Browse;
      break;
    case key::kBackSpace:
    case 'z':
      undo_or_redo(true);
      break;
    case 'y':
      undo_or_redo(false);
      break;
    case 'r':
    case key::kEscape:
      view_ = View::Browse;
      break;
    case 'e':
      outcome.request = Request::Export;
      break;
    case 'q':
      outcome.request = Request::Quit;
      break;
    default:
      outcome.known = false;
  }
  return outcome;
}

}  // namespace cnnlab::label

#pragma once
// What each key does: the same bindings drive the window, `--script` with a window, and
// `--headless`. The controller changes the session and tells the caller what else to do
// (export, quit); drawing is the caller's business.
#include <memory>
#include <string>
#include <vector>

#include "labeler/review_grid.hpp"
#include "labeler/session.hpp"

namespace cnnlab::label {

enum class View { Browse, Review };
enum class Request { None, Export, Quit };  // Quit means export, then quit

struct Outcome {
  Request request = Request::None;
  bool decided = false;  // an image got a new label, skip or reject mark (for the rate meter)
  bool known = true;     // false: the key means nothing in this view
};

// One line per key for the help overlay: {keys, what they do}.
struct KeyHelp {
  std::string keys;
  std::string action;
};
std::vector<KeyHelp> browse_key_help();
std::vector<KeyHelp> review_key_help();

class Controller {
 public:
  explicit Controller(Session& session, GridLayout layout = {});

  // `key` as returned by key::normalize.
  Outcome handle(int key);

  View view() const { return view_; }
  bool help_visible() const { return help_; }
  const ReviewGrid* grid() const { return grid_.get(); }
  // A one-line reaction to the last key ("nothing to undo"); empty when there is none.
  const std::string& message() const { return message_; }
  void set_message(std::string message) { message_ = std::move(message); }

 private:
  Outcome handle_browse(int key);
  Outcome handle_review(int key);
  Outcome label_in_browse(int class_index);
  void open_review();
  void undo_or_redo(bool undo);
  std::string class_key_problem(int class_index) const;

  Session& session_;
  GridLayout layout_;
  View view_ = View::Browse;
  bool help_ = false;
  std::unique_ptr<ReviewGrid> grid_;
  std::string message_;
};

}  // namespace cnnlab::label

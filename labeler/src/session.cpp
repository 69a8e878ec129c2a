#include "labeler/session.hpp"

#include <utility>

#include "cnnlab/error.hpp"

namespace cnnlab::label {

Session::Session(std::vector<std::string> images, LabelBook book, ActionSink& sink)
    : images_(std::move(images)), book_(std::move(book)), sink_(sink) {
  if (images_.empty()) throw DataError("a labelling session needs at least one image");
  for (size_t i = 0; i < images_.size(); ++i)
    if (!index_.emplace(images_[i], i).second)
      throw DataError("image '" + images_[i] + "' is listed twice");
}

std::optional<size_t> Session::index_of(const std::string& image) const {
  const auto it = index_.find(image);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

Counts Session::counts() const {
  Counts c;
  c.per_class.assign(classes().size(), 0);
  for (const auto& image : images_) {
    const ImageState s = book_.state(image);
    switch (s.status) {
      case Status::Labelled:
        ++c.labelled;
        ++c.per_class[static_cast<size_t>(s.label)];
        break;
      case Status::Skipped:
        ++c.skipped;
        break;
      case Status::Rejected:
        ++c.rejected;
        break;
      case Status::Unlabelled:
        ++c.unlabelled;
        break;
    }
  }
  return c;
}

bool Session::next() {
  if (cursor_ + 1 >= images_.size()) return false;
  ++cursor_;
  return true;
}

bool Session::previous() {
  if (cursor_ == 0) return false;
  --cursor_;
  return true;
}

void Session::go_to(size_t index) {
  if (index < images_.size()) cursor_ = index;
}

bool Session::go_to_first_open() {
  for (Status wanted : {Status::Unlabelled, Status::Skipped})
    for (size_t i = 0; i < images_.size(); ++i)
      if (state(i).status == wanted) {
        cursor_ = i;
        return true;
      }
  return false;
}

bool Session::change(const Action& action) {
  if (!book_.changes(action)) return false;
  sink_.record(action);
  book_.apply(action);
  return true;
}

bool Session::set_label(size_t index, int class_index) {
  if (index >= images_.size() || class_index < 0 ||
      static_cast<size_t>(class_index) >= classes().size())
    return false;
  return change(
      {ActionKind::Label, images_[index], classes()[static_cast<size_t>(class_index)], 0});
}

bool Session::set_skipped(size_t index) {
  return index < images_.size() && change({ActionKind::Skip, images_[index], "", 0});
}

bool Session::set_rejected(size_t index) {
  return index < images_.size() && change({ActionKind::Reject, images_[index], "", 0});
}

bool Session::undo_or_redo(ActionKind kind) {
  const Action action{kind, "", "", 0};
  if (!book_.changes(action)) return false;
  sink_.record(action);
  const auto touched = book_.apply(action);
  if (touched)
    if (const auto index = index_of(*touched)) cursor_ = *index;
  return true;
}

bool Session::undo() { return undo_or_redo(ActionKind::Undo); }
bool Session::redo() { return undo_or_redo(ActionKind::Redo); }

void Session::advance_if_auto() {
  if (auto_advance_) next();
}

bool Session::label_current(int class_index) {
  if (class_index < 0 || static_cast<size_t>(class_index) >= classes().size()) return false;
  const bool changed = set_label(cursor_, class_index);
  advance_if_auto();
  return changed;
}

bool Session::skip_current() {
  const bool changed = set_skipped(cursor_);
  advance_if_auto();
  return changed;
}

bool Session::reject_current() {
  const bool changed = set_rejected(cursor_);
  advance_if_auto();
  return changed;
}

void Session::set_guess_source(GuessSource* source) {
  guesses_ = source;
  guess_cache_.clear();
}

std::optional<Guess> Session::guess(size_t index) {
  if (!guesses_ || index >= images_.size()) return std::nullopt;
  const auto cached = guess_cache_.find(index);
  if (cached != guess_cache_.end()) return cached->second;
  auto g = guesses_->guess(images_[index]);
  if (g && (g->class_index < 0 || static_cast<size_t>(g->class_index) >= classes().size()))
    g.reset();
  guess_cache_.emplace(index, g);
  return g;
}

bool Session::accept_guess() {
  const auto g = guess(cursor_);
  if (!g) return false;
  label_current(g->class_index);
  return true;
}

}  // namespace cnnlab::label

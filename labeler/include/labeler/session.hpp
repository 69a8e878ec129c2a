#pragma once
// One labelling session: the images in presentation order, a cursor, the labels (a LabelBook)
// and the journal they are written to. Every change goes to the ActionSink first and is
// applied only once that returned, so what is on screen is never ahead of what is on disk.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "labeler/action.hpp"
#include "labeler/guess.hpp"
#include "labeler/label_book.hpp"

namespace cnnlab::label {

struct Counts {
  std::vector<int> per_class;  // labelled images of each class
  int labelled = 0, skipped = 0, rejected = 0, unlabelled = 0;
};

class Session {
 public:
  // `images`: relative to IMAGE_DIR, unique, in the order they are shown; not empty.
  // `book`: the labels replayed from the journal (it may know images no longer present).
  Session(std::vector<std::string> images, LabelBook book, ActionSink& sink);

  size_t size() const { return images_.size(); }
  size_t cursor() const { return cursor_; }
  const std::string& current() const { return images_[cursor_]; }
  const std::vector<std::string>& images() const { return images_; }
  const std::vector<std::string>& classes() const { return book_.classes(); }
  const LabelBook& book() const { return book_; }
  ImageState state(size_t index) const { return book_.state(images_[index]); }
  std::optional<size_t> index_of(const std::string& image) const;
  Counts counts() const;

  // Navigation; never journaled. next/previous return false at the ends.
  bool next();
  bool previous();
  void go_to(size_t index);
  // The first unlabelled image, else the first skipped one. False (cursor unchanged) when
  // every image is labelled or rejected.
  bool go_to_first_open();

  // Changes to any image. False (and nothing journaled) when the image already is so.
  bool set_label(size_t index, int class_index);
  bool set_skipped(size_t index);
  bool set_rejected(size_t index);
  // Undo/redo the last change; the cursor moves to the image it was about when that image is
  // in this session. False when there is nothing to undo/redo.
  bool undo();
  bool redo();

  // The browse keys: change the current image, then advance when auto-advance is on (the
  // default), also when the image already was so. Return whether the label changed; a class
  // index out of range does nothing.
  bool label_current(int class_index);
  bool skip_current();
  bool reject_current();
  bool auto_advance() const { return auto_advance_; }
  void set_auto_advance(bool on) { auto_advance_ = on; }

  // Model assist: guesses come from `source` (not owned; may be null) and are cached.
  void set_guess_source(GuessSource* source);
  std::optional<Guess> guess(size_t index);
  // Labels the current image with its guess (and advances); false when it has none.
  bool accept_guess();

 private:
  bool change(const Action& action);
  bool undo_or_redo(ActionKind kind);
  void advance_if_auto();

  std::vector<std::string> images_;
  std::unordered_map<std::string, size_t> index_;
  LabelBook book_;
  ActionSink& sink_;
  size_t cursor_ = 0;
  bool auto_advance_ = true;
  GuessSource* guesses_ = nullptr;
  std::unordered_map<size_t, std::optional<Guess>> guess_cache_;
};

}  // namespace cnnlab::label

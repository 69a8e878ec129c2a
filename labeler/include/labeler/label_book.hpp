#pragma once
// The labels of every image a journal mentions, and the undo/redo history. Pure state: the
// session decides what to record, the book only applies actions.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "labeler/action.hpp"

namespace cnnlab::label {

enum class Status { Unlabelled, Labelled, Skipped, Rejected };

struct ImageState {
  Status status = Status::Unlabelled;
  int label = -1;  // class index when Labelled
  bool operator==(const ImageState& o) const { return status == o.status && label == o.label; }
  bool operator!=(const ImageState& o) const { return !(*this == o); }
};

class LabelBook {
 public:
  explicit LabelBook(std::vector<std::string> classes);

  // Applies a journal's actions in order. Throws DataError naming the journal line of a label
  // whose class is not in the class list.
  void replay(const std::vector<Action>& actions, const std::string& journal_path);

  // True when apply(action) would change something: not for a label the image already has,
  // nor for undo/redo with an empty history. Such actions are not worth journaling.
  bool changes(const Action& action) const;
  // Applies an action; returns the image whose state it changed (for undo/redo: the image
  // the undone/redone action was about), nullopt when nothing changed.
  std::optional<std::string> apply(const Action& action);

  ImageState state(const std::string& image) const;
  const std::map<std::string, ImageState>& states() const { return states_; }
  bool can_undo() const { return !undo_.empty(); }
  bool can_redo() const { return !redo_.empty(); }
  const std::vector<std::string>& classes() const { return classes_; }
  int class_index(const std::string& name) const;  // -1 when unknown

 private:
  struct Change {
    std::string image;
    ImageState before, after;
  };
  std::optional<ImageState> target_state(const Action& action) const;
  void set(const std::string& image, const ImageState& state);

  std::vector<std::string> classes_;
  std::map<std::string, ImageState> states_;
  std::vector<Change> undo_, redo_;
};

}  // namespace cnnlab::label

#include "labeler/label_book.hpp"

#include <algorithm>
#include <utility>

#include "cnnlab/error.hpp"

namespace cnnlab::label {

LabelBook::LabelBook(std::vector<std::string> classes) : classes_(std::move(classes)) {}

int LabelBook::class_index(const std::string& name) const {
  const auto it = std::find(classes_.begin(), classes_.end(), name);
  return it == classes_.end() ? -1 : static_cast<int>(it - classes_.begin());
}

void LabelBook::replay(const std::vector<Action>& actions, const std::string& journal_path) {
  for (const auto& action : actions) {
    if (action.kind == ActionKind::Label && class_index(action.label) < 0)
      throw DataError(journal_path + ":" + std::to_string(action.line) + ": label '" +
                      action.label + "' is not one of the classes");
    apply(action);
  }
}

ImageState LabelBook::state(const std::string& image) const {
  const auto it = states_.find(image);
  return it == states_.end() ? ImageState{} : it->second;
}

std::optional<ImageState> LabelBook::target_state(const Action& action) const {
  switch (action.kind) {
    case ActionKind::Label: {
      const int index = class_index(action.label);
      if (index < 0) return std::nullopt;
      return ImageState{Status::Labelled, index};
    }
    case ActionKind::Skip:
      return ImageState{Status::Skipped, -1};
    case ActionKind::Reject:
      return ImageState{Status::Rejected, -1};
    case ActionKind::Undo:
    case ActionKind::Redo:
      return std::nullopt;
  }
  return std::nullopt;
}

bool LabelBook::changes(const Action& action) const {
  if (action.kind == ActionKind::Undo) return can_undo();
  if (action.kind == ActionKind::Redo) return can_redo();
  const auto target = target_state(action);
  return target && *target != state(action.image);
}

void LabelBook::set(const std::string& image, const ImageState& state) {
  if (state.status == Status::Unlabelled)
    states_.erase(image);
  else
    states_[image] = state;
}

std::optional<std::string> LabelBook::apply(const Action& action) {
  if (!changes(action)) return std::nullopt;
  if (action.kind == ActionKind::Undo) {
    Change change = undo_.back();
    undo_.pop_back();
    set(change.image, change.before);
    redo_.push_back(change);
    return change.image;
  }
  if (action.kind == ActionKind::Redo) {
    Change change = redo_.back();
    redo_.pop_back();
    set(change.image, change.after);
    undo_.push_back(change);
    return change.image;
  }
  Change change{action.image, state(action.image), *target_state(action)};
  set(change.image, change.after);
  undo_.push_back(change);
  redo_.clear();
  return change.image;
}

}  // namespace cnnlab::label

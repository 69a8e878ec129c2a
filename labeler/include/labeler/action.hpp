#pragma once
// What a user does to the labels: the unit of the journal and of undo/redo.
#include <string>

namespace cnnlab::label {

enum class ActionKind { Label, Skip, Reject, Undo, Redo };

struct Action {
  ActionKind kind = ActionKind::Label;
  std::string image;  // relative to IMAGE_DIR; empty for Undo/Redo
  std::string label;  // the class name for Label, empty otherwise
  int line = 0;       // the journal line it was read from; 0 when not from a journal
};

// Where the session writes each action before it takes effect (the journal; tests use a
// vector). record() throws when the action could not be made durable: the session then
// leaves its state unchanged.
class ActionSink {
 public:
  virtual ~ActionSink();
  virtual void record(const Action& action) = 0;
};

}  // namespace cnnlab::label

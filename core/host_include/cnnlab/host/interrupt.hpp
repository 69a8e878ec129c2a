#pragma once
// Ctrl-C and SIGTERM as a request to stop cleanly rather than a sudden death: the training
// loop polls between batches, the runner marks the run `interrupted` in the history (every
// finished epoch is already there) and exits non-zero.
#include <memory>

#include "cnnlab/error.hpp"
#include "cnnlab/export.hpp"

namespace cnnlab {

// While an InterruptFlag lives, SIGINT and SIGTERM only record which signal came (a handler
// may do nothing more). Each handler fires once and then gives way to the default action, so
// a second Ctrl-C ends a process that does not stop quickly enough.
class CNNLAB_API InterruptFlag {
 public:
  InterruptFlag();   // clears any earlier request, installs the handlers
  ~InterruptFlag();  // restores the handlers that were there before
  InterruptFlag(const InterruptFlag&) = delete;
  InterruptFlag& operator=(const InterruptFlag&) = delete;

 private:
  struct Saved;
  std::unique_ptr<Saved> saved_;
};

// Whether SIGINT or SIGTERM arrived while an InterruptFlag was installed. Cheap: poll it
// between batches.
CNNLAB_API bool interrupt_requested();
// The signal that asked (SIGINT or SIGTERM), 0 when none did.
CNNLAB_API int interrupt_signal();

// What the code that notices the request throws to unwind to the runner. exit_code() is
// 128 + the signal number, as shells report a signal (130 for Ctrl-C).
class CNNLAB_API InterruptedError : public Error {
 public:
  explicit InterruptedError(int signal);
  ~InterruptedError() override;
  int exit_code() const override;
  int signal() const { return signal_; }

 private:
  int signal_;
};

// Throws InterruptedError when interrupt_requested().
CNNLAB_API void throw_if_interrupted();

}  // namespace cnnlab

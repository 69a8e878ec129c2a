#include "cnnlab/host/interrupt.hpp"

#include <signal.h>

#include <csignal>
#include <cstring>
#include <string>

namespace cnnlab {

namespace {

volatile std::sig_atomic_t requested_signal = 0;

extern "C" void record_signal(int signal) { requested_signal = signal; }

}  // namespace

struct InterruptFlag::Saved {
  struct sigaction interrupt {};
  struct sigaction terminate {};
};

InterruptFlag::InterruptFlag() : saved_(std::make_unique<Saved>()) {
  requested_signal = 0;
  struct sigaction action {};
  action.sa_handler = record_signal;
  sigemptyset(&action.sa_mask);
  // SA_RESETHAND: the second signal meets the default action. SA_RESTART: reads and writes in
  // flight finish instead of failing with EINTR.
  action.sa_flags = SA_RESETHAND | SA_RESTART;
  sigaction(SIGINT, &action, &saved_->interrupt);
  sigaction(SIGTERM, &action, &saved_->terminate);
}

InterruptFlag::~InterruptFlag() {
  sigaction(SIGINT, &saved_->interrupt, nullptr);
  sigaction(SIGTERM, &saved_->terminate, nullptr);
}

bool interrupt_requested() { return requested_signal != 0; }

int interrupt_signal() { return requested_signal; }

InterruptedError::InterruptedError(int signal)
    : Error(std::string("interrupted by ") + (signal == SIGINT    ? "SIGINT (Ctrl-C)"
                                              : signal == SIGTERM ? "SIGTERM"
                                                                  : strsignal(signal))),
      signal_(signal) {}
InterruptedError::~InterruptedError() = default;
int InterruptedError::exit_code() const { return 128 + signal_; }

void throw_if_interrupted() {
  if (interrupt_requested()) throw InterruptedError(interrupt_signal());
}

}  // namespace cnnlab

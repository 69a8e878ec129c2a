#include "cnnlab/host/interrupt.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

namespace cnnlab {

namespace {

std::atomic<int> requested_signal{0};
std::atomic<int> live_flags{0};
// Whether SIGINT / SIGTERM were ignored when the watcher started (a background job of a
// non-interactive shell ignores SIGINT): without a live flag such a signal stays ignored.
bool was_ignored[2] = {false, false};

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

bool ignored_at_start(int signal) { return was_ignored[signal == SIGINT ? 0 : 1]; }

// Ends the process as the signal's default action would, so that shells and schedulers see
// the signal as the cause.
[[noreturn]] void die_of(int signal) {
  ::signal(signal, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, signal);
  pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
  raise(signal);
  _exit(128 + signal);
}

// What a stop signal does, wherever it is taken: by the watcher thread, or by the handler on
// a thread some library started before main() blocked the signals (OpenBLAS starts one when
// it is loaded), a thread that never runs our computations.
void take(int signal) {
  if (live_flags.load() == 0) {
    if (!ignored_at_start(signal)) die_of(signal);
    return;
  }
  int none = 0;
  // The second request meets the default action: a process that does not stop soon enough
  // can still be ended with another Ctrl-C.
  if (!requested_signal.compare_exchange_strong(none, signal)) die_of(signal);
}

extern "C" void on_stop_signal(int signal) { take(signal); }

void watch(sigset_t set) {
  for (;;) {
    int signal = 0;
    if (sigwait(&set, &signal) == 0) take(signal);
  }
}

}  // namespace

void watch_interrupt_signals() {
  static std::once_flag started;
  std::call_once(started, [] {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signal : {SIGINT, SIGTERM}) {
      struct sigaction current {};
      sigaction(signal, &action, &current);
      was_ignored[signal == SIGINT ? 0 : 1] = current.sa_handler == SIG_IGN;
    }
    const sigset_t set = stop_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    std::thread(watch, set).detach();
  });
}

InterruptSignalsUnblocked::InterruptSignalsUnblocked() {
  const sigset_t set = stop_signals();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

InterruptSignalsUnblocked::~InterruptSignalsUnblocked() {
  const sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

InterruptFlag::InterruptFlag() {
  watch_interrupt_signals();
  requested_signal = 0;
  ++live_flags;
}

InterruptFlag::~InterruptFlag() { --live_flags; }

bool interrupt_requested() { return requested_signal.load(std::memory_order_relaxed) != 0; }

int interrupt_signal() { return requested_signal.load(); }

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

#pragma once
// Who is writing a run: enough to tell later, from another process, whether the writer still
// exists. A pid alone is not enough (pids are reused), so the kernel's start time of the
// process is kept with it where /proc provides one.
#include <cstdint>
#include <optional>
#include <string>

namespace cnnlab::store {

std::string host_name();
int64_t current_pid();
// Start time of a process in clock ticks since boot (/proc/PID/stat field 22); nullopt when
// unknown (no /proc, or no such process).
std::optional<int64_t> process_start_time(int64_t pid);
// True unless the process is certainly gone: kill(pid, 0) fails with ESRCH, or a process with
// that pid exists but started at another time than `start` (a reused pid).
bool process_alive(int64_t pid, std::optional<int64_t> start);

// A random (version 4) UUID from /dev/urandom, lower-case with dashes.
std::string random_uuid();

}  // namespace cnnlab::store

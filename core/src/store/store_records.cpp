#include "cnnlab/host/store_records.hpp"

#include "cnnlab/config.hpp"

namespace cnnlab {

StoreError::StoreError(const std::string& message, int exit_code)
    : Error(message), exit_code_(exit_code) {}
StoreError::~StoreError() = default;
int StoreError::exit_code() const { return exit_code_; }

namespace {
const std::vector<std::string>& status_names() {
  static const std::vector<std::string> names{"running",     "completed", "failed",
                                              "interrupted", "diverged",  "incomplete"};
  return names;
}
}  // namespace

std::string to_string(RunStatus status) { return status_names()[static_cast<size_t>(status)]; }

RunStatus parse_run_status(const std::string& text) {
  const auto& names = status_names();
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<RunStatus>(i);
  const std::string hint = closest_match(text, names);
  throw ConfigError("unknown run status '" + text + "'" +
                    (hint.empty() ? "" : " (did you mean '" + hint + "'?)") +
                    "; statuses: running, completed, failed, interrupted, diverged, incomplete");
}

}  // namespace cnnlab

#pragma once
#include <stdexcept>
#include <string>

#include "cnnlab/export.hpp"

namespace cnnlab {

// Where a value came from: "exp.yaml:12:5". Empty file means "not from a file".
struct CNNLAB_API SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  std::string str() const;
};

// A user-supplied value as it may appear in an error line: in single quotes, control bytes and
// invalid UTF-8 escaped (\n, \x00), cut to `max_bytes` with the full length noted, so a 25 MB
// value or binary junk never reaches the terminal raw.
CNNLAB_API std::string quoted(const std::string& value, size_t max_bytes = 60);

// A whole message made fit for one terminal line: escaped and cut the same way, unquoted.
CNNLAB_API std::string one_line(const std::string& message, size_t max_bytes = 2000);

// Every error cnnlab reports to a user derives from Error: the CLI turns them into one
// `cnnlab: error: ...` line. exit_code() is 2 for usage/configuration errors, 1 otherwise.
class CNNLAB_API Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message);
  ~Error() override;
  virtual int exit_code() const;
};

// Bad configuration: YAML, plugin config keys, command-line values. Message already carries
// the location prefix ("exp.yaml:12:5: ...").
class CNNLAB_API ConfigError : public Error {
 public:
  ConfigError(const SourceLocation& where, const std::string& message);
  explicit ConfigError(const std::string& message);
  ~ConfigError() override;
  int exit_code() const override;
};

// A plugin that cannot be loaded or used (wrong API, not a plugin, duplicate type...).
class CNNLAB_API PluginError : public Error {
 public:
  explicit PluginError(const std::string& message);
  ~PluginError() override;
  int exit_code() const override;
};

// Missing, truncated or inconsistent data files.
class CNNLAB_API DataError : public Error {
 public:
  explicit DataError(const std::string& message);
  ~DataError() override;
};

// A shape that a layer cannot accept; the model adds which layer and the caller the YAML line.
class CNNLAB_API ShapeError : public Error {
 public:
  explicit ShapeError(const std::string& message);
  ~ShapeError() override;
  int exit_code() const override;
};

}  // namespace cnnlab

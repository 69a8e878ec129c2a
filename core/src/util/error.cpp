#include "cnnlab/error.hpp"

namespace cnnlab {

std::string SourceLocation::str() const {
  if (file.empty() && line == 0) return "";
  std::string s = file.empty() ? "<input>" : file;
  if (line > 0) {
    s += ":" + std::to_string(line);
    if (column > 0) s += ":" + std::to_string(column);
  }
  return s;
}

namespace {
std::string located(const SourceLocation& where, const std::string& message) {
  const std::string prefix = where.str();
  return prefix.empty() ? message : prefix + ": " + message;
}
}  // namespace

Error::Error(const std::string& message) : std::runtime_error(message) {}
Error::~Error() = default;
int Error::exit_code() const { return 1; }

ConfigError::ConfigError(const SourceLocation& where, const std::string& message)
    : Error(located(where, message)) {}
ConfigError::ConfigError(const std::string& message) : Error(message) {}
ConfigError::~ConfigError() = default;
int ConfigError::exit_code() const { return 2; }

PluginError::PluginError(const std::string& message) : Error(message) {}
PluginError::~PluginError() = default;
int PluginError::exit_code() const { return 2; }

DataError::DataError(const std::string& message) : Error(message) {}
DataError::~DataError() = default;

ShapeError::ShapeError(const std::string& message) : Error(message) {}
ShapeError::~ShapeError() = default;
int ShapeError::exit_code() const { return 2; }

}  // namespace cnnlab

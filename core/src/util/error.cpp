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

// The length of the valid UTF-8 sequence starting at text[i], 0 when there is none.
size_t utf8_length(const std::string& text, size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  size_t n = 0;
  if (lead >= 0xc2 && lead < 0xe0) n = 2;
  if (lead >= 0xe0 && lead < 0xf0) n = 3;
  if (lead >= 0xf0 && lead < 0xf5) n = 4;
  if (n == 0 || i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 0;
  return n;
}

// Copies at most `max_bytes` of `text`, escaping whatever a terminal would act on or garble:
// control bytes and bytes that are not valid UTF-8 (binary junk).
std::string escaped(const std::string& text, size_t max_bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < text.size() && i < max_bytes;) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t n = c >= 0x80 ? utf8_length(text, i) : 0;
    if (n > 0) {
      out.append(text, i, n);
      i += n;
      continue;
    }
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      out += {'\\', 'x', digits[c >> 4], digits[c & 0xf]};
    }
    ++i;
  }
  return out;
}

}  // namespace

std::string quoted(const std::string& value, size_t max_bytes) {
  std::string out = "'" + escaped(value, max_bytes) + "'";
  if (value.size() > max_bytes) out += "... (" + std::to_string(value.size()) + " bytes)";
  return out;
}

std::string one_line(const std::string& message, size_t max_bytes) {
  std::string out = escaped(message, max_bytes);
  if (message.size() > max_bytes) out += "... (" + std::to_string(message.size()) + " bytes)";
  return out;
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

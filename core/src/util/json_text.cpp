#include "json_text.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

namespace cnnlab {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not valid
// (overlong forms, surrogates and code points above U+10FFFF included).
size_t utf8_sequence_length(const std::string& text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t length = 0;
  unsigned min_code = 0, code = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, min_code = 0x80, code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, min_code = 0x800, code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, min_code = 0x10000, code = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

void append_escaped(std::string& out, unsigned char c) {
  switch (c) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    default:
      break;
  }
  if (c < 0x20 || c == 0x7F) {
    char code[8];
    std::snprintf(code, sizeof code, "\\u%04x", c);
    out += code;
  } else {
    out += static_cast<char>(c);
  }
}

// Thrown and caught inside this file only: a damaged object becomes a note, never an error.
struct MalformedObject : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void bad_object(const std::string& text) {
  throw MalformedObject("params_json is not a flat JSON object: " + text.substr(0, 60));
}

void append_utf8(std::string& out, unsigned code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

// The 4 hex digits after "\u" at text[i] ('u'); leaves i on the last digit.
unsigned read_hex4(const std::string& text, size_t& i) {
  if (i + 4 >= text.size()) bad_object(text);
  unsigned code = 0;
  for (size_t k = 1; k <= 4; ++k) {
    const char c = text[i + k];
    if (!std::isxdigit(static_cast<unsigned char>(c))) bad_object(text);
    code = code * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(c))
                                                 ? c - '0'
                                                 : std::tolower(c) - 'a' + 10);
  }
  i += 4;
  return code;
}

// A \u escape at text[i] ('u'), with a following low surrogate when it is a high one.
unsigned read_code_point(const std::string& text, size_t& i) {
  const unsigned code = read_hex4(text, i);
  if (code < 0xD800 || code > 0xDBFF) return code >= 0xDC00 && code <= 0xDFFF ? 0xFFFD : code;
  if (text.compare(i + 1, 2, "\\u") != 0) return 0xFFFD;
  size_t next = i + 2;
  const unsigned low = read_hex4(text, next);
  if (low < 0xDC00 || low > 0xDFFF) return 0xFFFD;
  i = next;
  return 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
}

// Reads a JSON string literal at text[i] (which must be '"'); leaves i after it.
std::string read_string(const std::string& text, size_t& i) {
  if (i >= text.size() || text[i] != '"') bad_object(text);
  std::string value;
  for (++i; i < text.size() && text[i] != '"'; ++i) {
    if (text[i] != '\\') {
      value += text[i];
      continue;
    }
    if (++i >= text.size()) bad_object(text);
    switch (text[i]) {
      case 'n':
        value += '\n';
        break;
      case 'r':
        value += '\r';
        break;
      case 't':
        value += '\t';
        break;
      case 'b':
        value += '\b';
        break;
      case 'f':
        value += '\f';
        break;
      case 'u':
        append_utf8(value, read_code_point(text, i));
        break;
      default:
        value += text[i];
    }
  }
  if (i >= text.size()) bad_object(text);
  ++i;
  return value;
}

// A value: a string, or a bare number / true / false / null kept as its text (for a
// params_json edited by hand).
std::string read_value(const std::string& text, size_t& i) {
  if (i < text.size() && text[i] == '"') return read_string(text, i);
  const size_t start = i;
  while (i < text.size() && text[i] != ',' && text[i] != '}') ++i;
  std::string bare = text.substr(start, i - start);
  while (!bare.empty() && std::isspace(static_cast<unsigned char>(bare.back()))) bare.pop_back();
  if (bare.empty() || bare.find_first_of("\"[{") != std::string::npos) bad_object(text);
  return bare;
}

void skip_spaces(const std::string& text, size_t& i) {
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
}

void expect(const std::string& text, size_t& i, char c) {
  skip_spaces(text, i);
  if (i >= text.size() || text[i] != c) bad_object(text);
  ++i;
  skip_spaces(text, i);
}

NameValues parse_strictly(const std::string& text) {
  NameValues entries;
  size_t i = 0;
  expect(text, i, '{');
  if (i < text.size() && text[i] == '}') return entries;
  while (true) {
    std::string name = read_string(text, i);
    expect(text, i, ':');
    std::string value = read_value(text, i);
    entries.emplace_back(std::move(name), std::move(value));
    skip_spaces(text, i);
    if (i < text.size() && text[i] == '}') return entries;
    expect(text, i, ',');
  }
}

}  // namespace

std::string json_quote(const std::string& text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    const size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else if (length == 1) {
      append_escaped(out, static_cast<unsigned char>(text[i]));
      ++i;
    } else {
      out.append(text, i, length);
      i += length;
    }
  }
  return out + "\"";
}

std::string json_number(double value) {
  if (!std::isfinite(value)) return "null";
  char buffer[32];
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

std::string flat_json_object(const NameValues& entries) {
  std::string out = "{";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i) out += ", ";
    out += json_quote(entries[i].first) + ": " + json_quote(entries[i].second);
  }
  return out + "}";
}

NameValues parse_flat_json_object(const std::string& text) {
  try {
    return parse_strictly(text);
  } catch (const MalformedObject& e) {
    return {{kDamagedParamsName, e.what()}};
  }
}

}  // namespace cnnlab

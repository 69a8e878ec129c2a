// YAML text <-> ConfigValue. yaml-cpp is used through const nodes only (its non-const
// operator[] inserts), and the traps it leaves open are closed here: duplicate keys (it keeps
// the first silently), an unclosed quote (it swallows the rest of the file) and several
// documents in one file. Aliases are expanded here, so this is also where a small file
// that expands to a huge tree (nested aliases, "billion laughs") or never ends (an alias inside
// its own anchor) is stopped: by a depth limit and a budget of values and bytes that a file
// without aliases cannot exceed.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <sstream>

#include "experiment_detail.hpp"

namespace cnnlab {

namespace {

// Deeper than any experiment needs, far below what exhausts the stack.
constexpr int kMaxDepth = 64;
// Each value of a file without aliases takes at least one byte of text; the slack covers
// aliases used as intended (a block of settings repeated a few times).
constexpr size_t kValueSlack = 10000;
constexpr size_t kByteSlack = size_t{1} << 20;

class Converter {
 public:
  Converter(const std::string& text, const std::string& file)
      : text_(text),
        file_(file),
        values_left_(text.size() + kValueSlack),
        bytes_left_(text.size() + kByteSlack) {}

  SourceLocation at(const YAML::Mark& mark) const {
    if (mark.is_null()) return {file_, 0, 0};
    return {file_, mark.line + 1, mark.column + 1};
  }

  ConfigValue convert(const YAML::Node& node, int depth = 0) {
    ConfigValue value;
    value.location = at(node.Mark());
    if (depth > kMaxDepth)
      throw ConfigError(value.location, "nested more than " + std::to_string(kMaxDepth) +
                                            " levels deep (an alias inside its own anchor?)");
    spend(node.Type() == YAML::NodeType::Scalar ? node.Scalar().size() : 0, value.location);
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        check_quote_closed(node);
        value.kind = ConfigValue::Kind::scalar;
        value.scalar = node.Scalar();
        break;
      case YAML::NodeType::Sequence:
        value.kind = ConfigValue::Kind::list;
        for (const YAML::Node& item : node) value.items.push_back(convert(item, depth + 1));
        break;
      case YAML::NodeType::Map:
        value.kind = ConfigValue::Kind::map;
        convert_entries(node, value, depth);
        break;
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        value.kind = ConfigValue::Kind::null;
        break;
    }
    return value;
  }

 private:
  // yaml-cpp shares an anchored node between its aliases; converting copies it, so each copy
  // is paid for.
  void spend(size_t bytes, const SourceLocation& where) {
    if (values_left_ == 0 || bytes > bytes_left_)
      throw ConfigError(where, "aliases expand this YAML far beyond its " +
                                   std::to_string(text_.size()) +
                                   " bytes; refused (aliases nested in aliases?)");
    --values_left_;
    bytes_left_ -= bytes;
  }

  void convert_entries(const YAML::Node& node, ConfigValue& map, int depth) {
    std::map<std::string, SourceLocation> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::Node key = it->first;
      const SourceLocation key_location = at(key.Mark());
      if (!key.IsScalar()) throw ConfigError(key_location, "a map key must be a plain name");
      check_quote_closed(key);
      const std::string name = key.Scalar();
      spend(name.size(), key_location);
      const auto [first, inserted] = seen.emplace(name, key_location);
      if (!inserted)
        throw ConfigError(key_location, "duplicate key " + quoted(name) + " (first at line " +
                                            std::to_string(first->second.line) + ":" +
                                            std::to_string(first->second.column) + ")");
      ConfigValue value = convert(it->second, depth + 1);
      // yaml-cpp marks an empty value ("key:" then a newline) on the next line.
      if (value.kind == ConfigValue::Kind::null) value.location = key_location;
      map.entries.emplace_back(name, std::move(value));
      map.key_locations.push_back(key_location);
    }
  }

  // yaml-cpp 0.7 accepts a quote that is never closed and reads to the end of the file.
  void check_quote_closed(const YAML::Node& node) const {
    const YAML::Mark mark = node.Mark();
    if (mark.is_null() || mark.pos < 0 || static_cast<size_t>(mark.pos) >= text_.size()) return;
    const char quote = text_[static_cast<size_t>(mark.pos)];
    if (node.Tag() != "!" || (quote != '"' && quote != '\'')) return;
    for (size_t i = static_cast<size_t>(mark.pos) + 1; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;
      } else if (text_[i] == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;
          continue;
        }
        return;
      }
    }
    throw ConfigError(at(mark), std::string("unclosed quote (") + quote + ")");
  }

  const std::string& text_;
  const std::string& file_;
  size_t values_left_;
  size_t bytes_left_;
};

bool is_flat(const ConfigValue& value) {
  for (const auto& item : value.items)
    if (item.kind != ConfigValue::Kind::scalar && item.kind != ConfigValue::Kind::null)
      return false;
  for (const auto& entry : value.entries) {
    const ConfigValue& v = entry.second;
    if (v.kind == ConfigValue::Kind::map) return false;
    if (v.kind == ConfigValue::Kind::list && !is_flat(v)) return false;
  }
  return true;
}

// Block style for the structure, flow style for small things: lists of scalars
// ([28, 28, 1]) and list items that are flat maps (one layer per line).
void emit(YAML::Emitter& out, const ConfigValue& value, bool in_list) {
  switch (value.kind) {
    case ConfigValue::Kind::null:
      out << YAML::Null;
      break;
    case ConfigValue::Kind::scalar:
      out << value.scalar;
      break;
    case ConfigValue::Kind::list:
      if (is_flat(value)) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& item : value.items) emit(out, item, true);
      out << YAML::EndSeq;
      break;
    case ConfigValue::Kind::map:
      if (in_list && is_flat(value)) out << YAML::Flow;
      out << YAML::BeginMap;
      for (const auto& [key, item] : value.entries) {
        out << YAML::Key << key << YAML::Value;
        emit(out, item, false);
      }
      out << YAML::EndMap;
      break;
  }
}

// What the stream holds, read as events only, at most two documents deep. yaml-cpp 0.7 reads
// ", 3]" as an endless run of empty documents that all start at the same place (LoadAll then
// allocates for ever): a document that starts where the previous one did is that stray token.
struct DocumentScan {
  bool any = false;
  std::optional<YAML::Mark> second;       // the first value of a second document
  std::optional<YAML::Mark> stray_token;  // where the parser stopped making progress
};

class DocumentScanner : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  std::optional<YAML::Mark> second_content;

  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { content(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { content(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    content(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    content(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    content(mark);
  }
  void OnMapEnd() override {}

 private:
  void content(const YAML::Mark& mark) {
    if (starts.size() == 2 && !second_content) second_content = mark;
  }
};

DocumentScan scan_documents(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentScanner scanner;
  DocumentScan scan;
  if (!parser.HandleNextDocument(scanner)) return scan;
  scan.any = true;
  if (!parser.HandleNextDocument(scanner)) return scan;
  if (scanner.starts[1].pos == scanner.starts[0].pos) {
    scan.stray_token = scanner.starts[0];
  } else {
    scan.second = scanner.second_content ? *scanner.second_content : scanner.starts[1];
  }
  return scan;
}

}  // namespace

ConfigValue parse_yaml(const std::string& text, const std::string& file) {
  if (text.size() > experiment_detail::kMaxYamlBytes)
    throw ConfigError(SourceLocation{file, 0, 0},
                      "YAML of " + std::to_string(text.size()) + " bytes; at most " +
                          std::to_string(experiment_detail::kMaxYamlBytes) + " are read");
  YAML::Node document;
  std::optional<YAML::Mark> second;
  try {
    const DocumentScan scan = scan_documents(text);
    if (scan.stray_token)
      throw ConfigError({file, scan.stray_token->line + 1, scan.stray_token->column + 1},
                        "YAML syntax error: ',', ']' or '}' outside any list or map");
    if (!scan.any) {
      ConfigValue empty;
      empty.location = {file, 1, 1};
      return empty;
    }
    second = scan.second;
    document = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp words this one "bad file".
    throw ConfigError({file, e.mark.line + 1, e.mark.column + 1}, "YAML nested too deeply");
  } catch (const YAML::ParserException& e) {
    const SourceLocation where = e.mark.is_null()
                                     ? SourceLocation{file, 0, 0}
                                     : SourceLocation{file, e.mark.line + 1, e.mark.column + 1};
    throw ConfigError(where, "YAML syntax error: " + e.msg);
  }
  Converter converter(text, file);
  if (second)
    throw ConfigError(converter.at(*second),
                      "a second YAML document; an experiment file holds one");
  return converter.convert(document);
}

std::string to_yaml(const ConfigValue& value) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, value, false);
  return std::string(out.c_str()) + "\n";
}

std::string to_flow_yaml(const ConfigValue& value) {
  YAML::Emitter out;
  out.SetMapFormat(YAML::Flow);
  out.SetSeqFormat(YAML::Flow);
  emit(out, value, false);
  return out.c_str();
}

}  // namespace cnnlab

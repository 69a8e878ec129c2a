// The --where language: `COLUMN OP VALUE` terms joined by `and`. It only splits text; the
// query builder maps columns through a whitelist and binds every value.
#include <cctype>

#include "cnnlab/config.hpp"
#include "cnnlab/host/store_query.hpp"

namespace cnnlab {

namespace {

// " (did you mean 'val_accuracy'?)" for a near miss or for the one column that contains the
// word ("val_acc"), else "".
std::string suggestion(const std::string& word) {
  const auto& columns = run_list_columns();
  std::string hint = closest_match(word, columns);
  if (hint.empty()) {
    std::vector<std::string> containing;
    for (const auto& c : columns)
      if (c.find(word) != std::string::npos) containing.push_back(c);
    if (containing.size() == 1) hint = containing.front();
  }
  return hint.empty() ? "" : " (did you mean '" + hint + "'?)";
}

class WhereParser {
 public:
  explicit WhereParser(const std::string& text) : text_(text) {}

  std::vector<WhereTerm> parse() {
    std::vector<WhereTerm> terms;
    skip_spaces();
    if (at_end()) fail("an empty expression");
    while (true) {
      terms.push_back(term());
      skip_spaces();
      if (at_end()) return terms;
      if (!take_keyword_and()) fail("'and' between terms");
    }
  }

 private:
  WhereTerm term() {
    WhereTerm t;
    t.column = column();
    skip_spaces();
    t.op = op();
    skip_spaces();
    t.value = value();
    return t;
  }

  std::string column() {
    const size_t start = pos_;
    while (!at_end() && (std::isalnum(uc(text_[pos_])) || text_[pos_] == '_')) ++pos_;
    if (pos_ == start) fail("a column name");
    std::string name = text_.substr(start, pos_ - start);
    for (const auto& c : run_list_columns())
      if (c == name) return name;
    throw ConfigError("--where: unknown column '" + name + "'" + suggestion(name) +
                      "; columns: " + column_list());
  }

  std::string op() {
    for (const char* candidate : {"<=", ">=", "!=", "=", "<", ">", "~"}) {
      const std::string symbol = candidate;
      if (text_.compare(pos_, symbol.size(), symbol) == 0) {
        pos_ += symbol.size();
        return symbol;
      }
    }
    fail("an operator (= != < <= > >= ~)");
  }

  std::string value() {
    if (at_end()) fail("a value");
    const char quote = text_[pos_];
    if (quote == '\'' || quote == '"') return quoted(quote);
    const size_t start = pos_;
    size_t end = text_.size();
    for (size_t i = pos_; i < text_.size(); ++i)
      if (is_and_at(i)) {
        end = i;
        break;
      }
    pos_ = end;
    std::string bare = text_.substr(start, end - start);
    while (!bare.empty() && std::isspace(uc(bare.back()))) bare.pop_back();
    return bare;
  }

  // A quoted value; the quote character doubled inside stands for itself, as in SQL.
  std::string quoted(char quote) {
    std::string text;
    for (++pos_; pos_ < text_.size(); ++pos_) {
      if (text_[pos_] != quote) {
        text += text_[pos_];
      } else if (pos_ + 1 < text_.size() && text_[pos_ + 1] == quote) {
        text += quote;
        ++pos_;
      } else {
        ++pos_;
        return text;
      }
    }
    fail("a closing " + std::string(1, quote));
  }

  // ` and` in any case, with whitespace on both sides or at the end of the text (where the
  // missing term is then reported).
  bool is_and_at(size_t i) const {
    if (i == 0 || !std::isspace(uc(text_[i]))) return false;
    size_t k = i;
    while (k < text_.size() && std::isspace(uc(text_[k]))) ++k;
    if (k + 3 > text_.size()) return false;
    const std::string word = text_.substr(k, 3);
    if (!(std::tolower(uc(word[0])) == 'a' && std::tolower(uc(word[1])) == 'n' &&
          std::tolower(uc(word[2])) == 'd'))
      return false;
    return k + 3 == text_.size() || std::isspace(uc(text_[k + 3]));
  }

  // Called after skipping spaces, so the keyword starts at pos_ and a space precedes it.
  bool take_keyword_and() {
    if (pos_ == 0 || !is_and_at(pos_ - 1)) return false;
    pos_ += 3;
    skip_spaces();
    return true;
  }

  void skip_spaces() {
    while (!at_end() && std::isspace(uc(text_[pos_]))) ++pos_;
  }
  bool at_end() const { return pos_ >= text_.size(); }
  static unsigned char uc(char c) { return static_cast<unsigned char>(c); }

  static std::string column_list() {
    std::string list;
    for (const auto& c : run_list_columns()) list += (list.empty() ? "" : ", ") + c;
    return list;
  }

  [[noreturn]] void fail(const std::string& expected) const {
    throw ConfigError("--where: expected " + expected + " at character " +
                      std::to_string(pos_ + 1) + " of \"" + text_ + "\"");
  }

  const std::string& text_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<WhereTerm> parse_where(const std::string& text) { return WhereParser(text).parse(); }

void parse_sort(const std::string& text, RunQuery& query) {
  const bool descending = !text.empty() && text[0] == '-';
  const std::string name = descending ? text.substr(1) : text;
  for (const auto& c : run_list_columns())
    if (c == name) {
      query.sort = name;
      query.descending = descending;
      return;
    }
  throw ConfigError("--sort: unknown column '" + name + "'" + suggestion(name) +
                    "; prefix '-' sorts descending");
}

}  // namespace cnnlab

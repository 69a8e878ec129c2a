#include "labeler/journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cnnlab/error.hpp"
#include "labeler/classes.hpp"
#include "labeler/dataset_paths.hpp"

namespace cnnlab::label {

ActionSink::~ActionSink() = default;

namespace {

constexpr const char* kHeader = "cnnlab-label journal 1";

std::string escape(const std::string& field) {
  std::string out;
  for (char c : field) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// False on a dangling or unknown escape.
bool unescape(const std::string& field, std::string& out) {
  out.clear();
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\') {
      out += field[i];
      continue;
    }
    if (++i == field.size()) return false;
    switch (field[i]) {
      case '\\':
        out += '\\';
        break;
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      default:
        return false;
    }
  }
  return true;
}

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) return fields;
    start = tab + 1;
  }
}

std::string system_error(const std::string& what, const std::string& path) {
  return what + " '" + path + "': " + std::strerror(errno);
}

void expect_fields(const std::vector<std::string>& fields, size_t count, const std::string& where) {
  if (fields.size() != count)
    throw DataError(where + ": '" + fields[0] + "' needs " + std::to_string(count - 1) +
                    " field(s), found " + std::to_string(fields.size() - 1));
}

void parse_record(const std::string& line, int line_number, const std::string& path,
                  JournalContents& contents) {
  const std::string where = path + ":" + std::to_string(line_number);
  std::vector<std::string> fields;
  for (const auto& raw : split_fields(line)) {
    std::string field;
    if (!unescape(raw, field)) throw DataError(where + ": bad escape sequence");
    fields.push_back(field);
  }
  const std::string& kind = fields[0];
  Action action;
  action.line = line_number;
  if (kind == "source") {
    expect_fields(fields, 2, where);
    if (!std::filesystem::path(fields[1]).is_absolute())
      throw DataError(where + ": the image folder '" + fields[1] + "' is not an absolute path");
    contents.source_dir = fields[1];
    return;
  }
  if (kind == "classes") {
    // Class names become folders that export creates and deletes: a name read back must pass
    // the same checks as a typed one.
    std::vector<std::string> classes(fields.begin() + 1, fields.end());
    try {
      validate_classes(classes);
    } catch (const ConfigError& e) {
      throw DataError(where + ": " + e.what());
    }
    contents.classes = std::move(classes);
    return;
  }
  if (kind == "label") {
    expect_fields(fields, 3, where);
    action.kind = ActionKind::Label;
    action.image = fields[1];
    action.label = fields[2];
  } else if (kind == "skip" || kind == "reject") {
    expect_fields(fields, 2, where);
    action.kind = kind == "skip" ? ActionKind::Skip : ActionKind::Reject;
    action.image = fields[1];
  } else if (kind == "undo" || kind == "redo") {
    expect_fields(fields, 1, where);
    action.kind = kind == "undo" ? ActionKind::Undo : ActionKind::Redo;
  } else {
    throw DataError(where + ": unknown record '" + kind + "'");
  }
  if (action.kind == ActionKind::Label || action.kind == ActionKind::Skip ||
      action.kind == ActionKind::Reject) {
    const std::string problem = image_path_problem(action.image);
    if (!problem.empty()) throw DataError(where + ": " + problem);
  }
  contents.actions.push_back(action);
}

std::vector<std::string> action_fields(const Action& action) {
  switch (action.kind) {
    case ActionKind::Label:
      return {"label", action.image, action.label};
    case ActionKind::Skip:
      return {"skip", action.image};
    case ActionKind::Reject:
      return {"reject", action.image};
    case ActionKind::Undo:
      return {"undo"};
    case ActionKind::Redo:
      return {"redo"};
  }
  return {};
}

void write_all(int fd, const std::string& text, const std::string& path) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw DataError(system_error("cannot write", path));
    done += static_cast<size_t>(n);
  }
  if (::fdatasync(fd) != 0) throw DataError(system_error("cannot flush", path));
}

// A new file's directory entry must be durable too, or a crash could lose the whole journal.
void sync_parent_folder(const std::string& path) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// The journal is opened where it is, never through a symlink (whose target an attacker
// chose) and never as a FIFO or device (O_NONBLOCK keeps a FIFO from blocking the open).
int open_journal(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
  if (fd < 0 && errno == ELOOP)
    throw DataError("'" + path + "' is a symbolic link: the journal must be a regular file");
  if (fd < 0) return fd;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw DataError("'" + path + "' is not a regular file");
  }
  return fd;
}

std::string read_all(int fd, const std::string& path) {
  std::string text;
  char buffer[65536];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw DataError(system_error("cannot read", path));
    if (n == 0) return text;
    text.append(buffer, static_cast<size_t>(n));
  }
}

int lock_file(const std::string& path, int flags) {
  const int fd = open_journal(path, flags);
  if (fd < 0) throw DataError(system_error("cannot open", path));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const bool busy = errno == EWOULDBLOCK;
    ::close(fd);
    if (busy)
      throw DataError("'" + path + "' is in use by another cnnlab-label (one labeler or export " +
                      "per dataset at a time)");
    throw DataError(system_error("cannot lock", path));
  }
  return fd;
}

// A line of a journal the labeler wrote never holds a raw NUL or CR (CR is escaped): either
// means the file was damaged or edited (CR-only line ends, a block of zeros after a crash).
std::string raw_byte_problem(const std::string& line) {
  if (line.find('\0') != std::string::npos) return "damaged line (it holds NUL bytes)";
  if (line.find('\r') != std::string::npos)
    return "damaged line (a carriage return: the journal has LF line ends)";
  return "";
}

// A crash in the middle of write() leaves the start of one line: the start of the header in a
// new journal, else the start of a record. Anything else is damage, and cutting it off could
// throw labels away.
std::string torn_line_problem(const std::string& tail, bool no_header_yet) {
  const std::string bytes = raw_byte_problem(tail);
  if (!bytes.empty()) return bytes;
  if (no_header_yet)
    return std::string(kHeader).rfind(tail, 0) == 0
               ? ""
               : "not a cnnlab-label journal (expected '" + std::string(kHeader) + "')";
  const std::string kind = tail.substr(0, tail.find('\t'));
  for (const char* known : {"source", "classes", "label", "skip", "reject", "undo", "redo"})
    if (std::string(known).rfind(kind, 0) == 0) return "";
  return "damaged last line (no line end, and it does not start like a record)";
}

std::string not_changed() { return "; the journal was left as it is: repair or move it away"; }

JournalContents parse_journal(const std::string& text, const std::string& path) {
  JournalContents contents;
  contents.exists = true;
  const size_t last_newline = text.rfind('\n');
  contents.intact_bytes = last_newline == std::string::npos ? 0 : last_newline + 1;

  size_t start = 0;
  int line_number = 0;
  while (start < contents.intact_bytes) {
    const size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    const std::string where = path + ":" + std::to_string(line_number);
    const std::string problem = raw_byte_problem(line);
    if (!problem.empty()) throw DataError(where + ": " + problem + not_changed());
    if (line_number == 1) {
      if (line != kHeader)
        throw DataError(where + ": not a cnnlab-label journal (expected '" + kHeader + "')");
      continue;
    }
    parse_record(line, line_number, path, contents);
  }
  const std::string tail = text.substr(contents.intact_bytes);
  if (!tail.empty()) {
    const std::string where = path + ":" + std::to_string(line_number + 1);
    const std::string problem = torn_line_problem(tail, line_number == 0);
    if (!problem.empty()) throw DataError(where + ": " + problem + not_changed());
    contents.warning = path + ": ignoring an incomplete last line (" + std::to_string(tail.size()) +
                       " bytes): the labeler stopped while writing it";
  }
  return contents;
}

}  // namespace

JournalContents read_journal(const std::string& path) {
  const int fd = open_journal(path, O_RDONLY);
  if (fd < 0) {
    if (errno == ENOENT) return {};
    throw DataError(system_error("cannot open", path));
  }
  try {
    JournalContents contents = parse_journal(read_all(fd, path), path);
    ::close(fd);
    return contents;
  } catch (...) {
    ::close(fd);
    throw;
  }
}

JournalLock::JournalLock(const std::string& journal_path)
    : fd_(lock_file(journal_path, O_RDONLY)) {}

JournalLock::~JournalLock() { ::close(fd_); }

Journal::Journal(const std::string& path) : path_(path) {
  std::error_code ec;
  const bool existed = std::filesystem::exists(path, ec);
  fd_ = lock_file(path, O_RDWR | O_CREAT | O_APPEND);
  try {
    contents_ = parse_journal(read_all(fd_, path), path);
    contents_.exists = existed;
    if (!contents_.warning.empty() &&
        ::ftruncate(fd_, static_cast<off_t>(contents_.intact_bytes)) != 0)
      throw DataError(system_error("cannot cut the incomplete last line of", path));
    if (contents_.intact_bytes == 0) write_all(fd_, std::string(kHeader) + "\n", path);
    if (!existed) sync_parent_folder(path);
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

Journal::~Journal() { ::close(fd_); }

void Journal::append_line(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) line += (i ? "\t" : "") + escape(fields[i]);
  write_all(fd_, line + "\n", path_);
}

void Journal::write_source(const std::string& dir) {
  append_line({"source", dir});
  contents_.source_dir = dir;
}

void Journal::write_classes(const std::vector<std::string>& classes) {
  std::vector<std::string> fields{"classes"};
  fields.insert(fields.end(), classes.begin(), classes.end());
  append_line(fields);
  contents_.classes = classes;
}

void Journal::record(const Action& action) { append_line(action_fields(action)); }

}  // namespace cnnlab::label

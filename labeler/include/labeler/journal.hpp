#pragma once
// DATASET_DIR/labels.journal: every labelling action, one line each, appended and fsync'd
// before the screen changes, so that a crash (even kill -9) loses at most the key being
// processed. Replaying it rebuilds the labels, the undo history and the session settings.
//
// Format (UTF-8 text, fields separated by TAB; '\\', TAB, LF and CR inside a field are written
// as \\ \t \n \r):
//   cnnlab-label journal 1        first line
//   source <IMAGE_DIR>            absolute; repeated when the folder moves
//   classes <name> <name> ...     repeated when classes are added at the end
//   label <image> <class>         image relative to IMAGE_DIR
//   skip <image> | reject <image> | undo | redo
#include <cstdint>
#include <string>
#include <vector>

#include "labeler/action.hpp"

namespace cnnlab::label {

struct JournalContents {
  bool exists = false;               // the file was there before it was opened
  std::string source_dir;            // from the last `source` line
  std::vector<std::string> classes;  // from the last `classes` line
  std::vector<Action> actions;
  std::string warning;        // set when an incomplete last line (a crash mid-write) was ignored
  uint64_t intact_bytes = 0;  // length of the journal without that line
};

// Reads a journal without locking it. A missing file gives empty contents. A damaged line
// other than an incomplete last one throws DataError naming the file and line.
JournalContents read_journal(const std::string& path);

// An exclusive lock on a dataset's journal, so that two labelers (or a labeler and an export)
// never write one dataset at the same time. Throws DataError when another process holds it.
class JournalLock {
 public:
  explicit JournalLock(const std::string& journal_path);
  ~JournalLock();
  JournalLock(const JournalLock&) = delete;
  JournalLock& operator=(const JournalLock&) = delete;

 private:
  int fd_ = -1;
};

// The journal of a running session: locked, read, a torn last line cut off, and open for
// appending. Every write is one write() of whole lines followed by fdatasync().
class Journal : public ActionSink {
 public:
  explicit Journal(const std::string& path);
  ~Journal() override;
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  const JournalContents& contents() const { return contents_; }
  void write_source(const std::string& dir);
  void write_classes(const std::vector<std::string>& classes);
  void record(const Action& action) override;

 private:
  void append_line(const std::vector<std::string>& fields);

  std::string path_;
  int fd_ = -1;
  JournalContents contents_;
};

}  // namespace cnnlab::label

// The journal: round trip, escaping, a torn last line, damage elsewhere, the lock.
#include "labeler/journal.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

#include "cnnlab/error.hpp"
#include "labeler/label_book.hpp"
#include "test_support.hpp"

using namespace cnnlab::label;
using cnnlab::DataError;
using cnnlab::test::read_file;
using cnnlab::test::TempDir;
using cnnlab::test::write_file;

namespace {

Action label(const std::string& image, const std::string& cls) {
  return {ActionKind::Label, image, cls, 0};
}
Action undo() { return {ActionKind::Undo, "", "", 0}; }

}  // namespace

TEST_CASE("a journal round-trips records, names with tabs and newlines included",
          "[labeler][journal]") {
  TempDir dir;
  const std::string path = dir.file("labels.journal");
  {
    Journal journal(path);
    CHECK_FALSE(journal.contents().exists);
    journal.write_source("/photos");
    journal.write_classes({"cat", "dog"});
    journal.record(label("a.png", "cat"));
    journal.record(label("odd\tname\nwith\\stuff.png", "dog"));
    journal.record({ActionKind::Skip, "b.png", "", 0});
    journal.record({ActionKind::Reject, "c.png", "", 0});
    journal.record(undo());
    journal.record({ActionKind::Redo, "", "", 0});
  }
  const std::string text = read_file(path);
  CHECK(text.rfind(
            "cnnlab-label journal 1\nsource\t/photos\nclasses\tcat\tdog\nlabel\ta.png\tcat\n", 0) ==
        0);
  const JournalContents c = read_journal(path);
  CHECK(c.exists);
  CHECK(c.warning.empty());
  CHECK(c.source_dir == "/photos");
  CHECK(c.classes == std::vector<std::string>{"cat", "dog"});
  REQUIRE(c.actions.size() == 6);
  CHECK(c.actions[1].image == "odd\tname\nwith\\stuff.png");
  CHECK(c.actions[1].label == "dog");
  CHECK(c.actions[1].line == 5);
  CHECK(c.actions[2].kind == ActionKind::Skip);
  CHECK(c.actions[3].kind == ActionKind::Reject);
  CHECK(c.actions[4].kind == ActionKind::Undo);
  CHECK(c.actions[5].kind == ActionKind::Redo);
  CHECK(c.intact_bytes == text.size());
}

TEST_CASE("a torn last line is ignored with a warning and cut before appending",
          "[labeler][journal]") {
  TempDir dir;
  const std::string path = dir.file("labels.journal");
  {
    Journal journal(path);
    journal.write_classes({"cat", "dog"});
    journal.record(label("a.png", "cat"));
  }
  const std::string intact = read_file(path);
  write_file(path, intact + "label\tb.p");  // the crash came mid-write

  const JournalContents c = read_journal(path);
  CHECK(c.actions.size() == 1);
  CHECK(c.warning.find("incomplete last line") != std::string::npos);
  CHECK(c.intact_bytes == intact.size());
  {
    Journal journal(path);  // resumes: drops the torn tail, appends on a fresh line
    CHECK_FALSE(journal.contents().warning.empty());
    journal.record(label("b.png", "dog"));
  }
  CHECK(read_file(path) == intact + "label\tb.png\tdog\n");
  CHECK(read_journal(path).warning.empty());
}

TEST_CASE("a journal torn inside its first line starts afresh", "[labeler][journal]") {
  TempDir dir;
  const std::string path = dir.file("labels.journal");
  write_file(path, "cnnlab-lab");
  {
    Journal journal(path);
    journal.write_classes({"x"});
  }
  CHECK(read_file(path) == "cnnlab-label journal 1\nclasses\tx\n");
}

TEST_CASE("damage before the last line is an error naming the line", "[labeler][journal]") {
  TempDir dir;
  const std::string path = dir.file("labels.journal");
  write_file(path, "cnnlab-label journal 1\nclasses\tcat\nlabel\ta.png\nlabel\tb.png\tcat\n");
  CHECK_THROWS_WITH(read_journal(path),
                    Catch::Contains("labels.journal:3") && Catch::Contains("needs 2 field"));
  write_file(path, "cnnlab-label journal 1\nrelabel\ta.png\tcat\n");
  CHECK_THROWS_WITH(read_journal(path), Catch::Contains(":2: unknown record 'relabel'"));
  write_file(path, "cnnlab-label journal 1\nlabel\ta\\q.png\tcat\n");
  CHECK_THROWS_WITH(read_journal(path), Catch::Contains("bad escape"));
  write_file(path, "something else\n");
  CHECK_THROWS_WITH(read_journal(path), Catch::Contains("not a cnnlab-label journal"));
  CHECK_THROWS_AS(Journal(path), DataError);
}

TEST_CASE("a missing journal reads as empty", "[labeler][journal]") {
  TempDir dir;
  const JournalContents c = read_journal(dir.file("labels.journal"));
  CHECK_FALSE(c.exists);
  CHECK(c.actions.empty());
}

TEST_CASE("one labeler per dataset: the journal is locked", "[labeler][journal]") {
  TempDir dir;
  const std::string path = dir.file("labels.journal");
  Journal first(path);
  CHECK_THROWS_WITH(Journal(path), Catch::Contains("in use by another cnnlab-label"));
  CHECK_THROWS_AS(JournalLock(path), DataError);
}

TEST_CASE("replaying a journal rebuilds labels and the undo history", "[labeler][journal]") {
  LabelBook book({"cat", "dog"});
  book.replay({label("a", "cat"), label("b", "dog"), label("a", "dog"), undo()}, "j");
  CHECK(book.state("a") == ImageState{Status::Labelled, 0});
  CHECK(book.state("b") == ImageState{Status::Labelled, 1});
  CHECK(book.can_undo());
  CHECK(book.can_redo());
  CHECK(book.apply({ActionKind::Redo, "", "", 0}) == std::optional<std::string>("a"));
  CHECK(book.state("a").label == 1);
  Action bad = label("c", "cow");
  bad.line = 9;
  CHECK_THROWS_WITH(book.replay({bad}, "DS/labels.journal"),
                    Catch::Contains("DS/labels.journal:9") && Catch::Contains("cow"));
}

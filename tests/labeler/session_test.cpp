// The session state machine: labels, navigation, undo/redo, skip, reject, auto-advance,
// resuming from a journal, and model guesses from a fake source.
#include "labeler/session.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <stdexcept>

#include "labeler/journal.hpp"
#include "test_support.hpp"

using namespace cnnlab::label;

namespace {

struct RecordingSink : ActionSink {
  std::vector<Action> actions;
  bool fail = false;
  void record(const Action& action) override {
    if (fail) throw std::runtime_error("disk full");
    actions.push_back(action);
  }
};

struct FakeGuesses : GuessSource {
  std::map<std::string, Guess> guesses;
  int calls = 0;
  std::optional<Guess> guess(const std::string& image) override {
    ++calls;
    const auto it = guesses.find(image);
    if (it == guesses.end()) return std::nullopt;
    return it->second;
  }
};

const std::vector<std::string> kImages{"a.png", "b.png", "c.png", "d.png"};
const std::vector<std::string> kClasses{"cat", "dog"};

}  // namespace

TEST_CASE("labelling records the action and advances", "[labeler][session]") {
  RecordingSink sink;
  Session s(kImages, LabelBook(kClasses), sink);
  CHECK(s.cursor() == 0);
  CHECK(s.label_current(0));
  CHECK(s.cursor() == 1);
  CHECK(s.state(0) == ImageState{Status::Labelled, 0});
  REQUIRE(sink.actions.size() == 1);
  CHECK(sink.actions[0].kind == ActionKind::Label);
  CHECK(sink.actions[0].image == "a.png");
  CHECK(sink.actions[0].label == "cat");

  CHECK_FALSE(s.label_current(5));  // no such class: nothing happens, no advance
  CHECK(s.cursor() == 1);
  CHECK(sink.actions.size() == 1);

  s.go_to(0);
  CHECK_FALSE(s.label_current(0));  // already so: not journaled, still advances
  CHECK(s.cursor() == 1);
  CHECK(sink.actions.size() == 1);
}

TEST_CASE("navigation stops at the ends and finds the first open image", "[labeler][session]") {
  RecordingSink sink;
  Session s(kImages, LabelBook(kClasses), sink);
  CHECK_FALSE(s.previous());
  CHECK(s.next());
  CHECK(s.next());
  CHECK(s.next());
  CHECK_FALSE(s.next());
  CHECK(s.cursor() == 3);
  s.go_to(99);
  CHECK(s.cursor() == 3);

  s.go_to(0);
  s.label_current(0);  // a
  s.skip_current();    // b
  s.label_current(1);  // c
  CHECK(s.go_to_first_open());
  CHECK(s.cursor() == 3);  // d is unlabelled
  s.reject_current();
  CHECK(s.go_to_first_open());
  CHECK(s.cursor() == 1);  // then the skipped one
  s.label_current(0);
  CHECK_FALSE(s.go_to_first_open());
  const Counts c = s.counts();
  CHECK(c.labelled == 3);
  CHECK(c.rejected == 1);
  CHECK(c.skipped == 0);
  CHECK(c.unlabelled == 0);
  CHECK(c.per_class == std::vector<int>{2, 1});
}

TEST_CASE("undo and redo walk the history and move the cursor", "[labeler][session]") {
  RecordingSink sink;
  Session s(kImages, LabelBook(kClasses), sink);
  s.label_current(0);  // a=cat
  s.label_current(1);  // b=dog
  s.go_to(0);
  s.label_current(1);  // a=dog (relabel)
  s.go_to(3);
  CHECK(s.undo());
  CHECK(s.cursor() == 0);
  CHECK(s.state(0).label == 0);
  CHECK(s.undo());
  CHECK(s.cursor() == 1);
  CHECK(s.state(1).status == Status::Unlabelled);
  CHECK(s.undo());
  CHECK(s.state(0).status == Status::Unlabelled);
  CHECK_FALSE(s.undo());
  CHECK(s.redo());
  CHECK(s.state(0).label == 0);
  CHECK(s.redo());
  CHECK(s.state(1).label == 1);
  s.go_to(2);
  s.skip_current();  // a new action drops what could be redone
  CHECK_FALSE(s.redo());
  // undo x3, redo x2, skip: every one journaled; the failed undo/redo not.
  CHECK(sink.actions.size() == 3 + 3 + 2 + 1);
}

TEST_CASE("skip and reject are states of their own", "[labeler][session]") {
  RecordingSink sink;
  Session s(kImages, LabelBook(kClasses), sink);
  s.skip_current();
  s.reject_current();
  CHECK(s.state(0).status == Status::Skipped);
  CHECK(s.state(1).status == Status::Rejected);
  CHECK(s.undo());
  CHECK(s.state(1).status == Status::Unlabelled);
  CHECK(s.set_label(0, 1));  // a skipped image can still be labelled
  CHECK(s.state(0) == ImageState{Status::Labelled, 1});
}

TEST_CASE("auto-advance can be switched off", "[labeler][session]") {
  RecordingSink sink;
  Session s(kImages, LabelBook(kClasses), sink);
  s.set_auto_advance(false);
  s.label_current(0);
  s.skip_current();
  CHECK(s.cursor() == 0);
  CHECK(s.state(0).status == Status::Skipped);
  s.set_auto_advance(true);
  s.label_current(1);
  CHECK(s.cursor() == 1);
}

TEST_CASE("when the journal cannot be written the state does not change", "[labeler][session]") {
  RecordingSink sink;
  Session s(kImages, LabelBook(kClasses), sink);
  sink.fail = true;
  CHECK_THROWS(s.label_current(0));
  CHECK(s.state(0).status == Status::Unlabelled);
  CHECK_FALSE(s.book().can_undo());
}

TEST_CASE("a session resumes from its journal, history included", "[labeler][session]") {
  cnnlab::test::TempDir dir;
  const std::string path = dir.file("labels.journal");
  {
    Journal journal(path);
    journal.write_classes(kClasses);
    Session s(kImages, LabelBook(kClasses), journal);
    s.label_current(0);
    s.label_current(1);
    s.reject_current();
    s.undo();  // c back to unlabelled
  }
  Journal journal(path);
  LabelBook book(journal.contents().classes);
  book.replay(journal.contents().actions, path);
  Session s(kImages, std::move(book), journal);
  CHECK(s.state(0).label == 0);
  CHECK(s.state(1).label == 1);
  CHECK(s.state(2).status == Status::Unlabelled);
  CHECK(s.go_to_first_open());
  CHECK(s.cursor() == 2);
  CHECK(s.redo());  // the undone reject is still redoable after the restart
  CHECK(s.state(2).status == Status::Rejected);
}

TEST_CASE("images the journal knows but the folder lost do not break the session",
          "[labeler][session]") {
  RecordingSink sink;
  LabelBook book(kClasses);
  book.apply({ActionKind::Label, "gone.png", "cat", 0});
  Session s(kImages, std::move(book), sink);
  s.go_to(2);
  CHECK(s.undo());  // about gone.png: applied, the cursor stays
  CHECK(s.cursor() == 2);
  CHECK(s.counts().labelled == 0);
}

TEST_CASE("model guesses are shown, cached, accepted with Enter and order the images",
          "[labeler][session][guess]") {
  FakeGuesses fake;
  fake.guesses = {
      {"a.png", {0, 0.95f}}, {"b.png", {1, 0.51f}}, {"c.png", {1, 0.70f}}, {"d.png", {7, 0.2f}}};
  const std::vector<std::string> ordered =
      order_by_uncertainty({"a.png", "b.png", "c.png", "d.png", "e.png"}, fake);
  CHECK(ordered == std::vector<std::string>{"d.png", "b.png", "c.png", "a.png", "e.png"});

  RecordingSink sink;
  Session s(kImages, LabelBook(kClasses), sink);
  CHECK_FALSE(s.accept_guess());  // no source yet
  s.set_guess_source(&fake);
  fake.calls = 0;
  REQUIRE(s.guess(1));
  CHECK(s.guess(1)->class_index == 1);
  CHECK(fake.calls == 1);   // cached
  CHECK_FALSE(s.guess(3));  // class 7 does not exist: no guess
  CHECK(s.accept_guess());
  CHECK(s.state(0) == ImageState{Status::Labelled, 0});
  CHECK(s.cursor() == 1);
  CHECK(s.accept_guess());
  CHECK(s.state(1) == ImageState{Status::Labelled, 1});
  s.go_to(3);
  CHECK_FALSE(s.accept_guess());
  CHECK(s.cursor() == 3);
}

// Key bindings: the browse view, the help overlay, the review grid.
#include "labeler/controller.hpp"

#include <catch2/catch.hpp>

#include "labeler/keys.hpp"

using namespace cnnlab::label;

namespace {

struct NullSink : ActionSink {
  size_t count = 0;
  void record(const Action&) override { ++count; }
};

struct OneGuess : GuessSource {
  std::optional<Guess> guess(const std::string& image) override {
    if (image == "i0") return Guess{2, 0.8f};
    return std::nullopt;
  }
};

std::vector<std::string> images(size_t n) {
  std::vector<std::string> v;
  for (size_t i = 0; i < n; ++i) v.push_back("i" + std::to_string(i));
  return v;
}

void press(Controller& c, std::initializer_list<int> keys) {
  for (int k : keys) c.handle(k);
}

}  // namespace

TEST_CASE("browse keys label, move, undo and toggle", "[labeler][controller]") {
  NullSink sink;
  Session s(images(6), LabelBook({"cat", "dog", "bird"}), sink);
  Controller c(s);
  CHECK(c.handle('1').decided);
  CHECK(s.state(0).label == 0);
  CHECK(s.cursor() == 1);
  press(c, {'3', key::kLeft});
  CHECK(s.cursor() == 1);
  CHECK(s.state(1).label == 2);
  press(c, {'d', key::kRight, key::kSpace});
  CHECK(s.cursor() == 4);
  press(c, {'a'});
  CHECK(s.cursor() == 3);

  const Outcome bad = c.handle('5');
  CHECK_FALSE(bad.decided);
  CHECK(c.message() == "no class on key 5 (3 classes)");
  CHECK(s.cursor() == 3);

  press(c, {key::kBackSpace});
  CHECK(s.state(1).status == Status::Unlabelled);
  CHECK(s.cursor() == 1);
  press(c, {'y'});
  CHECK(s.state(1).label == 2);
  press(c, {'z', 'z'});
  CHECK(s.state(0).status == Status::Unlabelled);
  press(c, {'z'});
  CHECK(c.message() == "nothing to undo");

  press(c, {key::kTab});
  CHECK_FALSE(s.auto_advance());
  CHECK(c.message() == "auto-advance off");
  s.go_to(2);
  press(c, {'s'});
  CHECK(s.state(2).status == Status::Skipped);
  CHECK(s.cursor() == 2);
  press(c, {'x'});
  CHECK(s.state(2).status == Status::Rejected);
  press(c, {key::kTab, key::kEnd});
  CHECK(s.cursor() == 5);
  press(c, {'2'});
  CHECK(c.message().find("last image") == 0);
  press(c, {key::kHome, 'g'});
  CHECK(s.cursor() == 0);

  CHECK(c.handle('e').request == Request::Export);
  CHECK(c.handle('q').request == Request::Quit);
  CHECK(c.handle(key::kEscape).request == Request::Quit);
  CHECK_FALSE(c.handle('k').known);
}

TEST_CASE("Enter accepts the model's guess when there is one", "[labeler][controller][guess]") {
  NullSink sink;
  Session s(images(3), LabelBook({"cat", "dog", "bird"}), sink);
  OneGuess guesses;
  s.set_guess_source(&guesses);
  Controller c(s);
  CHECK(c.handle(key::kEnter).decided);
  CHECK(s.state(0).label == 2);
  CHECK(s.cursor() == 1);
  CHECK_FALSE(c.handle(key::kEnter).decided);
  CHECK(c.message() == "no model guess for this image");
}

TEST_CASE("h shows the help; the next key closes it", "[labeler][controller]") {
  NullSink sink;
  Session s(images(3), LabelBook({"cat"}), sink);
  Controller c(s);
  c.handle('h');
  CHECK(c.help_visible());
  CHECK(c.handle(key::kEscape).request == Request::None);  // Esc closes the help, not the session
  CHECK_FALSE(c.help_visible());
  c.handle('h');
  c.handle('1');  // closes the help and labels
  CHECK_FALSE(c.help_visible());
  CHECK(s.state(0).label == 0);
  CHECK(browse_key_help().size() > 10);
  CHECK_FALSE(review_key_help().empty());
}

TEST_CASE("the review grid pages through one class and relabels the selected tile",
          "[labeler][controller][review]") {
  NullSink sink;
  Session s(images(20), LabelBook({"cat", "dog"}), sink);
  Controller c(s, GridLayout{3, 2});
  for (int i = 0; i < 20; ++i) c.handle(i < 14 ? '1' : '2');  // 14 cats, 6 dogs
  s.go_to(0);
  c.handle('r');
  REQUIRE(c.view() == View::Review);
  const ReviewGrid* grid = c.grid();
  CHECK(grid->filter() == 0);  // the current image's class
  CHECK(grid->items().size() == 14);
  CHECK(grid->page_count() == 3);
  CHECK(grid->page_positions().size() == 6);

  press(c, {key::kRight, key::kDown});  // tile 1 -> tile 4
  CHECK(c.grid()->selected() == 4);
  press(c, {key::kPageDown});
  CHECK(c.grid()->page() == 1);
  CHECK(c.grid()->selected() == 6);
  press(c, {key::kPageDown, key::kPageDown});
  CHECK(c.grid()->page() == 2);
  CHECK(c.grid()->page_positions().size() == 2);
  press(c, {key::kRight, key::kRight});
  CHECK(c.grid()->selected() == 13);  // clamped at the last item

  const size_t selected_image = *c.grid()->selected_image();
  CHECK(c.handle('2').decided);  // relabel in the grid: journaled, the tile stays
  CHECK(s.state(selected_image).label == 1);
  CHECK(c.grid()->items().size() == 14);
  press(c, {'z'});
  CHECK(s.state(selected_image).label == 0);
  press(c, {'x'});
  CHECK(s.state(selected_image).status == Status::Rejected);

  press(c, {'c'});
  CHECK(c.grid()->filter() == 1);
  CHECK(c.grid()->items().size() == 6);
  press(c, {'c'});
  CHECK(c.grid()->filter() == ReviewGrid::kAllClasses);
  CHECK(c.grid()->items().size() == 19);  // one was rejected
  press(c, {key::kPageUp, key::kPageUp});
  CHECK(c.grid()->page() == 0);

  press(c, {key::kRight, key::kEnter});  // open the selected image in the browse view
  CHECK(c.view() == View::Browse);
  CHECK(s.cursor() == 1);
  press(c, {'r', key::kEscape});
  CHECK(c.view() == View::Browse);
  c.handle('r');
  CHECK(c.handle('q').request == Request::Quit);
  CHECK(c.handle('e').request == Request::Export);
}

TEST_CASE("the review grid of an unlabelled image shows every class",
          "[labeler][controller][review]") {
  NullSink sink;
  Session s(images(3), LabelBook({"cat", "dog"}), sink);
  Controller c(s);
  c.handle('r');
  CHECK(c.grid()->filter() == ReviewGrid::kAllClasses);
  CHECK(c.grid()->empty());
  CHECK(c.message() == "nothing labelled yet");
  CHECK_FALSE(c.grid()->selected_image());
  c.handle('1');  // nothing selected: nothing happens
  CHECK(sink.count == 0);
}

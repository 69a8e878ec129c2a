#pragma once
// The review grid's model: the labelled images of one class (or of all classes) as pages of
// tiles with one selected tile. What the tiles show is read from the session when drawn, so a
// relabelled tile stays in place with its new label until the grid is reopened.
#include <cstddef>
#include <optional>
#include <vector>

#include "labeler/session.hpp"

namespace cnnlab::label {

struct GridLayout {
  int columns = 4;
  int rows = 3;
};

class ReviewGrid {
 public:
  // filter: a class index, or kAllClasses for every labelled image.
  static constexpr int kAllClasses = -1;
  ReviewGrid(const Session& session, int filter, GridLayout layout);

  int filter() const { return filter_; }
  const GridLayout& layout() const { return layout_; }
  const std::vector<size_t>& items() const { return items_; }  // session image indices
  bool empty() const { return items_.empty(); }
  size_t tiles_per_page() const;
  size_t page() const;
  size_t page_count() const;
  // Positions in items() of the tiles on the current page.
  std::vector<size_t> page_positions() const;
  size_t selected() const { return selected_; }  // position in items()
  std::optional<size_t> selected_image() const;  // session image index

  void move(int dx, int dy);  // by tiles; rows wrap onto the neighbouring pages
  void next_page();
  void previous_page();

 private:
  std::vector<size_t> items_;
  int filter_;
  GridLayout layout_;
  size_t selected_ = 0;
};

}  // namespace cnnlab::label

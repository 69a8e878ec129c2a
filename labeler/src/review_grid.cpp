#include "labeler/review_grid.hpp"

#include <algorithm>

namespace cnnlab::label {

ReviewGrid::ReviewGrid(const Session& session, int filter, GridLayout layout)
    : filter_(filter), layout_(layout) {
  layout_.columns = std::max(1, layout_.columns);
  layout_.rows = std::max(1, layout_.rows);
  for (size_t i = 0; i < session.size(); ++i) {
    const ImageState s = session.state(i);
    if (s.status == Status::Labelled && (filter == kAllClasses || s.label == filter))
      items_.push_back(i);
  }
}

size_t ReviewGrid::tiles_per_page() const {
  return static_cast<size_t>(layout_.columns) * static_cast<size_t>(layout_.rows);
}

size_t ReviewGrid::page() const { return selected_ / tiles_per_page(); }

size_t ReviewGrid::page_count() const {
  return std::max<size_t>(1, (items_.size() + tiles_per_page() - 1) / tiles_per_page());
}

std::vector<size_t> ReviewGrid::page_positions() const {
  std::vector<size_t> positions;
  const size_t first = page() * tiles_per_page();
  for (size_t p = first; p < std::min(items_.size(), first + tiles_per_page()); ++p)
    positions.push_back(p);
  return positions;
}

std::optional<size_t> ReviewGrid::selected_image() const {
  if (items_.empty()) return std::nullopt;
  return items_[selected_];
}

void ReviewGrid::move(int dx, int dy) {
  if (items_.empty()) return;
  const long target = static_cast<long>(selected_) + dx + static_cast<long>(dy) * layout_.columns;
  selected_ =
      static_cast<size_t>(std::clamp<long>(target, 0, static_cast<long>(items_.size()) - 1));
}

void ReviewGrid::next_page() {
  if (page() + 1 < page_count()) selected_ = (page() + 1) * tiles_per_page();
}

void ReviewGrid::previous_page() {
  if (page() > 0) selected_ = (page() - 1) * tiles_per_page();
}

}  // namespace cnnlab::label

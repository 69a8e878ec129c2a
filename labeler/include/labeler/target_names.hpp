#pragma once
// The file names images get inside their class folder. A name depends only on the image's
// own path, so it stays the same from one export to the next (and a relabel is a move).
#include <map>
#include <string>
#include <vector>

namespace cnnlab::label {

// The path relative to IMAGE_DIR flattened into one file name: '/' becomes "__", characters
// other than letters, digits and ._-+@= become '_' (so names need no quoting in CSV or shell).
// A non-empty `extension` (".png") replaces the image's own.
std::string flat_name(const std::string& image, const std::string& extension = "");

// Flat names for the images of one class folder (image -> name). When names collide, the
// first image in sorted order keeps the plain name and the others get "~<8 hex digits of a
// hash of their path>" before the extension.
std::map<std::string, std::string> unique_names(const std::map<std::string, std::string>& flat);

}  // namespace cnnlab::label

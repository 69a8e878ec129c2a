#pragma once
// Paths read back from files the labeler wrote (the journal, manifest.csv, split.csv). Those
// files may have been edited or damaged, and export moves and deletes what they name: each
// path must pass the checks a path the labeler made itself passes, so that nothing outside
// DATASET_DIR (or IMAGE_DIR, for photos) is ever named.
#include <string>

namespace cnnlab::label {

// "" for a photo path relative to IMAGE_DIR as the image scan makes them ("a.jpg",
// "sub/b.png"); otherwise what is wrong: empty, absolute, or with an empty, "." or ".."
// component.
std::string image_path_problem(const std::string& image);

// "" for an exported file's path relative to DATASET_DIR, "<class>/<file>" with a valid class
// name and a plain file name (not hidden, no further folders); otherwise what is wrong.
std::string exported_path_problem(const std::string& path);

}  // namespace cnnlab::label

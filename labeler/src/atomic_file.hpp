#pragma once
// Small files the pipeline reads (manifest.csv, split.csv, export.conf) are replaced whole:
// written next to their final name, then renamed over it, so a reader never sees half a file.
#include <string>

namespace cnnlab::label {

// Throws DataError when the file cannot be written.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace cnnlab::label

#pragma once
// Small files the pipeline reads (manifest.csv, split.csv, export.conf) are replaced whole:
// written next to their final name, then renamed over it, so a reader never sees half a file.
#include <string>

namespace cnnlab::label {

// Throws DataError when the file cannot be written.
void write_file_atomically(const std::string& path, const std::string& text);

// Why the file at PATH cannot be read as a text file: "" when it is a regular file (symbolic
// links followed) or nothing is there, else e.g. "'PATH' is not a regular file". A FIFO would
// block its reader for ever and a device such as /dev/zero never ends.
std::string unreadable_text_file(const std::string& path);

}  // namespace cnnlab::label

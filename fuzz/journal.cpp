// The labeler's journal reader (labels.journal), read as `cnnlab-label report`/`export` read it
// and opened as a labelling session opens it. Besides not crashing, a session must never
// truncate or rewrite a journal it refuses (issue 9: a CR-only or NUL-damaged journal was
// truncated on start, and the export then deleted every image): the target aborts when the
// file changed under a refused open.
#include "labeler/journal.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "cnnlab/error.hpp"
#include "support.hpp"

namespace {

std::string contents_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::string path = cnnlab::fuzz::write_scratch("dataset/labels.journal", input);
  try {
    cnnlab::label::read_journal(path);
  } catch (const cnnlab::Error&) {
  }
  try {
    cnnlab::label::Journal session(path);
  } catch (const cnnlab::Error&) {
    if (contents_of(path) != input) std::abort();
  }
  return 0;
}

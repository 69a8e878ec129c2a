#include "atomic_file.hpp"

#include <filesystem>
#include <fstream>

#include "cnnlab/error.hpp"

namespace cnnlab::label {

void write_file_atomically(const std::string& path, const std::string& text) {
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) throw DataError("cannot write '" + temporary + "'");
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) throw DataError("cannot replace '" + path + "': " + ec.message());
}

}  // namespace cnnlab::label

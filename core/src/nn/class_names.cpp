#include <string>

#include "cnnlab/dataset.hpp"
#include "cnnlab/error.hpp"

namespace cnnlab {

std::string class_name_problem(const std::string& name) {
  if (name.empty()) return "a class name must not be empty";
  if (name.size() > kMaxClassNameBytes)
    return "class name " + quoted(name) + " is longer than " + std::to_string(kMaxClassNameBytes) +
           " bytes";
  for (const char c : name)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return "class name " + quoted(name) + " holds control characters";
  return "";
}

}  // namespace cnnlab

#include "labeler/dataset_paths.hpp"

#include "labeler/classes.hpp"

namespace cnnlab::label {

std::string image_path_problem(const std::string& image) {
  const std::string quoted = "image path '" + image + "'";
  if (image.empty()) return "an empty image path";
  if (image.find('\0') != std::string::npos) return "an image path with a NUL byte";
  if (image[0] == '/') return quoted + " is absolute (it must be relative to the image folder)";
  size_t start = 0;
  while (true) {
    const size_t slash = image.find('/', start);
    const std::string part = image.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..")
      return quoted + " has an empty, '.' or '..' component";
    if (slash == std::string::npos) return "";
    start = slash + 1;
  }
}

std::string exported_path_problem(const std::string& path) {
  const std::string quoted = "path '" + path + "'";
  const size_t slash = path.find('/');
  if (slash == std::string::npos) return quoted + " is not <class>/<file>";
  const std::string class_problem = class_name_problem(path.substr(0, slash));
  if (!class_problem.empty()) return quoted + ": " + class_problem;
  const std::string file = path.substr(slash + 1);
  if (file.empty() || file[0] == '.' || file.find('/') != std::string::npos ||
      file.find('\0') != std::string::npos)
    return quoted + " is not <class>/<file> with a plain file name";
  return "";
}

}  // namespace cnnlab::label

#include "labeler/target_names.hpp"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <set>

#include "labeler/split.hpp"

namespace cnnlab::label {

namespace {

bool plain(unsigned char c) {
  return std::isalnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '@' || c == '=';
}

std::string with_suffix(const std::string& name, const std::string& suffix) {
  const std::string ext = std::filesystem::path(name).extension().string();
  return name.substr(0, name.size() - ext.size()) + suffix + ext;
}

}  // namespace

std::string flat_name(const std::string& image, const std::string& extension) {
  std::string path = image;
  if (!extension.empty()) {
    const std::string own = std::filesystem::path(image).extension().string();
    path = image.substr(0, image.size() - own.size()) + extension;
  }
  std::string name;
  for (unsigned char c : path) {
    if (c == '/')
      name += "__";
    else
      name += plain(c) ? static_cast<char>(c) : '_';
  }
  if (!name.empty() && name[0] == '.') name[0] = '_';  // never a hidden file
  return name;
}

std::map<std::string, std::string> unique_names(const std::map<std::string, std::string>& flat) {
  std::map<std::string, std::string> names;
  std::set<std::string> taken;
  for (const auto& entry : flat) {
    std::string name = entry.second;
    if (taken.count(name)) {
      char suffix[16];
      std::snprintf(suffix, sizeof suffix, "~%08x", static_cast<unsigned>(name_hash(entry.first)));
      name = with_suffix(entry.second, suffix);
      for (int n = 2; taken.count(name); ++n)
        name = with_suffix(entry.second, std::string(suffix) + "-" + std::to_string(n));
    }
    taken.insert(name);
    names[entry.first] = name;
  }
  return names;
}

}  // namespace cnnlab::label

#include <openssl/evp.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "cnnlab/error.hpp"
#include "cnnlab/host/launch.hpp"

namespace cnnlab {

namespace {

namespace fs = std::filesystem;

std::string hex(const unsigned char* p, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += digits[p[i] >> 4];
    out += digits[p[i] & 15];
  }
  return out;
}

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw Error("OpenSSL cannot compute a SHA-256 digest");
  return hex(digest, length);
}

int64_t mtime_ns(const struct stat& st) {
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

std::string file_line(const std::string& path, const struct stat& st) {
  return std::to_string(st.st_size) + " " + std::to_string(mtime_ns(st)) + " " + path + "\n";
}

// A subfolder in one line: its file count, total size and newest modification, so an image
// folder of thousands of photos costs one line per class.
std::string folder_line(const fs::path& folder) {
  int64_t files = 0, bytes = 0, newest = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    struct stat st {};
    if (::stat(it->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
    ++files;
    bytes += st.st_size;
    newest = std::max(newest, mtime_ns(st));
  }
  return std::to_string(bytes) + " " + std::to_string(newest) + " " + folder.string() + "/ (" +
         std::to_string(files) + " files)\n";
}

std::string path_identity(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";
  if (S_ISREG(st.st_mode)) return file_line(path.string(), st);
  if (!S_ISDIR(st.st_mode)) return "";
  std::vector<fs::path> entries;
  std::error_code ec;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
    entries.push_back(it->path());
  std::sort(entries.begin(), entries.end());
  std::string lines;
  for (const fs::path& entry : entries) {
    struct stat est {};
    if (::stat(entry.c_str(), &est) != 0) continue;
    if (S_ISREG(est.st_mode)) lines += file_line(entry.string(), est);
    if (S_ISDIR(est.st_mode)) lines += folder_line(entry);
  }
  return lines;
}

// Every scalar of the dataset section that names an existing file or folder.
void collect_paths(const ConfigValue& value, const fs::path& base, std::vector<fs::path>& out) {
  if (value.kind == ConfigValue::Kind::scalar && !value.scalar.empty()) {
    const fs::path candidate =
        fs::path(value.scalar).is_absolute() ? fs::path(value.scalar) : base / value.scalar;
    std::error_code ec;
    if (fs::exists(candidate, ec)) out.push_back(fs::weakly_canonical(candidate, ec));
  }
  for (const auto& item : value.items) collect_paths(item, base, out);
  for (const auto& [key, item] : value.entries) collect_paths(item, base, out);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// "<bytes> <mtime> <path>" -> path (paths may hold spaces).
std::string path_of(const std::string& line) {
  const size_t first = line.find(' ');
  const size_t second = first == std::string::npos ? first : line.find(' ', first + 1);
  return second == std::string::npos ? line : line.substr(second + 1);
}

std::string data_difference(const std::string& recorded, const std::string& current) {
  std::map<std::string, std::string> before, after;
  for (const auto& line : lines_of(recorded)) before[path_of(line)] = line;
  for (const auto& line : lines_of(current)) after[path_of(line)] = line;
  for (const auto& [path, line] : before) {
    const auto it = after.find(path);
    if (it == after.end()) return "the data changed: " + path + " is gone";
    if (it->second != line) return "the data changed: " + path + " was modified";
  }
  for (const auto& [path, line] : after)
    if (!before.count(path)) return "the data changed: " + path + " is new";
  return "";
}

// The first line where two YAML texts differ, as "line N: 'old' -> 'new'".
std::string first_difference(const std::string& a, const std::string& b) {
  const auto la = lines_of(a), lb = lines_of(b);
  for (size_t i = 0; i < std::max(la.size(), lb.size()); ++i) {
    const std::string x = i < la.size() ? la[i] : "", y = i < lb.size() ? lb[i] : "";
    if (x != y) {
      auto trim = [](std::string s) {
        s.erase(0, s.find_first_not_of(' '));
        return s.size() > 80 ? s.substr(0, 77) + "..." : s;
      };
      return "'" + trim(x) + "' is now '" + trim(y) + "'";
    }
  }
  return "";
}

ConfigValue with_sorted_keys(ConfigValue value) {
  for (auto& item : value.items) item = with_sorted_keys(std::move(item));
  for (auto& entry : value.entries) entry.second = with_sorted_keys(std::move(entry.second));
  std::stable_sort(value.entries.begin(), value.entries.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return value;
}

}  // namespace

std::string variant_identity_yaml(const std::string& name, const ConfigValue& resolved) {
  return "variant: " + name + "\n" + to_yaml(with_sorted_keys(resolved));
}

ExperimentIdentity experiment_identity(const ExperimentSpec& spec,
                                       const std::vector<ResolvedVariant>& variants) {
  ExperimentIdentity identity;
  std::vector<fs::path> paths;
  for (const ResolvedVariant& v : variants) {
    identity.variant_yaml.push_back(variant_identity_yaml(v.name, v.resolved));
    collect_paths(v.spec.dataset.config, spec.base_dir, paths);
  }
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  for (const fs::path& path : paths) {
    identity.data_identity += path_identity(path);
    identity.data_paths.push_back(path.string());
  }
  std::string hashed;
  for (const std::string& yaml : identity.variant_yaml) hashed += yaml + "\n---\n";
  identity.fingerprint = sha256_hex(hashed + "data:\n" + identity.data_identity);
  return identity;
}

std::string identity_difference(const std::vector<std::string>& recorded_yaml,
                                const std::string& recorded_data, const ExperimentIdentity& current,
                                const std::vector<std::string>& variant_names) {
  for (size_t i = 0; i < recorded_yaml.size(); ++i) {
    const auto it =
        std::find(current.variant_yaml.begin(), current.variant_yaml.end(), recorded_yaml[i]);
    if (it != current.variant_yaml.end()) continue;
    const std::string name = i < variant_names.size() ? variant_names[i] : "?";
    const std::string header = "variant: " + name + "\n";
    for (const std::string& now : current.variant_yaml)
      if (now.compare(0, header.size(), header) == 0)
        return "the experiment changed (YAML or --set): variant '" + name +
               "': " + first_difference(recorded_yaml[i], now);
    return "the experiment changed (YAML or --set): it has no variant '" + name + "' any more";
  }
  return data_difference(recorded_data, current.data_identity);
}

std::string derived_uuid(const std::string& text) {
  std::string h = sha256_hex(text).substr(0, 32);
  h[12] = '8';                                                  // version 8: custom
  h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) & 3];  // RFC 9562 variant
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

std::string run_uuid(const std::string& launch, const std::string& variant) {
  return derived_uuid("cnnlab run\n" + launch + "\n" + variant);
}

}  // namespace cnnlab

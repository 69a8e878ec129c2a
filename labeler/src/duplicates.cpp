#include "labeler/duplicates.hpp"

#include <algorithm>
#include <map>

namespace cnnlab::label {

Duplicates find_duplicates(const std::vector<Fingerprint>& prints, int max_distance) {
  Duplicates found;
  std::map<std::string, std::vector<size_t>> by_hash;
  for (size_t i = 0; i < prints.size(); ++i)
    if (!prints[i].sha256.empty()) by_hash[prints[i].sha256].push_back(i);
  for (auto& entry : by_hash)
    if (entry.second.size() > 1) found.exact.push_back(entry.second);
  std::sort(found.exact.begin(), found.exact.end());

  for (size_t a = 0; a < prints.size(); ++a) {
    if (!prints[a].decoded) continue;
    for (size_t b = a + 1; b < prints.size(); ++b) {
      if (!prints[b].decoded || prints[a].sha256 == prints[b].sha256) continue;
      const int distance = hamming_distance(prints[a].dhash, prints[b].dhash);
      if (distance <= max_distance) found.near.push_back({a, b, distance});
    }
  }
  return found;
}

std::vector<DuplicateFlag> duplicate_flags(const Duplicates& duplicates, size_t count) {
  std::vector<DuplicateFlag> flags(count, DuplicateFlag::None);
  for (const auto& pair : duplicates.near) {
    if (pair.a < count && flags[pair.a] == DuplicateFlag::None) flags[pair.a] = DuplicateFlag::Near;
    if (pair.b < count && flags[pair.b] == DuplicateFlag::None) flags[pair.b] = DuplicateFlag::Near;
  }
  for (const auto& group : duplicates.exact)
    for (size_t i : group)
      if (i < count) flags[i] = DuplicateFlag::Exact;
  return flags;
}

}  // namespace cnnlab::label

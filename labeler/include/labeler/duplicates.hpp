#pragma once
// Exact duplicates (same bytes) and near-duplicates (pictures whose difference hashes are a few
// bits apart: the same photo resized, recompressed or lightly edited).
#include <cstddef>
#include <vector>

#include "labeler/fingerprint.hpp"

namespace cnnlab::label {

constexpr int kDefaultNearDistance =
    8;  // of 64 dHash bits (same photo rescaled: 0..8, unrelated: ~32)

struct NearPair {
  size_t a = 0, b = 0;  // indices into the fingerprints, a < b
  int distance = 0;     // differing dHash bits
};

struct Duplicates {
  std::vector<std::vector<size_t>> exact;  // groups (>= 2, ascending) with the same sha256
  std::vector<NearPair> near;              // different bytes, dHash within the distance
};

// Deterministic: groups ordered by their first index, pairs by (a, b). Fingerprints without a
// hash (unreadable) or a picture (undecodable) take part only where they have the data.
Duplicates find_duplicates(const std::vector<Fingerprint>& prints, int max_distance);

enum class DuplicateFlag { None, Near, Exact };
// Per fingerprint, the strongest kind of duplicate it is part of.
std::vector<DuplicateFlag> duplicate_flags(const Duplicates& duplicates, size_t count);

}  // namespace cnnlab::label

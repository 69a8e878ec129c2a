// split.csv: stratified, seeded, and stable as labelling goes on.
#include "labeler/split.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace cnnlab::label;

namespace {

std::vector<SplitItem> items(const std::map<std::string, int>& per_class) {
  std::vector<SplitItem> v;
  for (const auto& [cls, n] : per_class)
    for (int i = 0; i < n; ++i) {
      const std::string name = cls + "_" + std::to_string(i) + ".png";
      v.push_back({cls + "/" + name, cls, name});
    }
  return v;
}

std::map<std::string, int> test_counts(const std::vector<SplitItem>& v,
                                       const std::vector<bool>& test) {
  std::map<std::string, int> counts;
  for (size_t i = 0; i < v.size(); ++i) counts[v[i].class_name] += test[i] ? 1 : 0;
  return counts;
}

}  // namespace

TEST_CASE("each class holds out its share", "[labeler][split]") {
  const auto v = items({{"cat", 10}, {"dog", 5}, {"bird", 1}, {"fish", 3}});
  const auto test = stratified_test_split(v, 0.2, 0);
  const auto counts = test_counts(v, test);
  CHECK(counts.at("cat") == 2);
  CHECK(counts.at("dog") == 1);
  CHECK(counts.at("bird") == 0);  // a single image stays in training
  CHECK(counts.at("fish") == 1);  // round(0.6)

  const auto none = stratified_test_split(v, 0.0, 0);
  CHECK(std::count(none.begin(), none.end(), true) == 0);
  const auto most = stratified_test_split(v, 0.99, 0);
  CHECK(test_counts(v, most).at("cat") == 9);  // every class keeps one training image
}

TEST_CASE("the split depends on the seed and only on it", "[labeler][split]") {
  const auto v = items({{"cat", 40}, {"dog", 40}});
  CHECK(stratified_test_split(v, 0.25, 1) == stratified_test_split(v, 0.25, 1));
  CHECK(stratified_test_split(v, 0.25, 1) != stratified_test_split(v, 0.25, 2));
  std::vector<SplitItem> reversed(v.rbegin(), v.rend());
  auto r = stratified_test_split(reversed, 0.25, 1);
  std::reverse(r.begin(), r.end());
  CHECK(r == stratified_test_split(v, 0.25, 1));  // input order does not matter
}

TEST_CASE("labelling one more image moves at most one other between train and test",
          "[labeler][split]") {
  auto v = items({{"cat", 30}});
  const auto before = stratified_test_split(v, 0.2, 5);
  v.push_back({"cat/new.png", "cat", "new.png"});
  const auto after = stratified_test_split(v, 0.2, 5);
  int changed = 0;
  for (size_t i = 0; i < before.size(); ++i) changed += before[i] != after[i];
  CHECK(changed <= 1);
}

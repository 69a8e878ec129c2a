// The HTML report's content, from run records made here: the table with the baseline and the
// paired test, a chart per run and metric, the confusion matrix or why there is none, the
// YAML and the provenance, every name escaped, nothing loaded from outside the file.
#include <catch2/catch.hpp>

#include "cnnlab/host/html_report.hpp"

using namespace cnnlab;

namespace {

RunDetail run(int64_t id, const std::string& variant, double shift, bool confusion) {
  RunDetail r;
  r.run.id = id;
  r.run.experiment = "exp";
  r.run.variant = variant;
  r.run.seed = 1;
  r.run.host = "node-7";
  r.run.threads = 2;
  r.run.cnnlab_version = "9.9.9";
  r.run.started_at = "2026-12-01T10:00:00.000Z";
  r.run.resolved_yaml = "name: exp\nseed: 1\n";
  for (int fold = 1; fold <= 3; ++fold) {
    FoldRecord f;
    f.fold = fold;
    f.best_epoch = 2;
    f.val_loss = 0.5 - shift;
    f.val_accuracy = 0.8 + shift + 0.01 * fold;
    f.test_accuracy = 0.79 + shift + 0.011 * fold;
    f.train_samples = 20;
    f.validation_samples = 10;
    if (confusion) {
      f.class_names = {"cat", "dog"};
      f.test_confusion = {{8, 2}, {1, 9}};
    }
    r.folds.push_back(f);
    for (int e = 1; e <= 3; ++e) {
      EpochRecord epoch;
      epoch.epoch = e;
      epoch.loss = 1.0 / e;
      epoch.accuracy = 0.5 + 0.1 * e;
      epoch.val_loss = 1.1 / e;
      epoch.val_accuracy = 0.45 + 0.1 * e;
      r.epochs[fold].push_back(epoch);
    }
  }
  return r;
}

size_t count(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the report holds the comparison, a chart per run and metric, matrices and YAML") {
  const std::string html = html_report({run(1, "base", 0, true), run(2, "better", 0.02, true)},
                                       {"h.db", "2026-12-01T12:00:00Z"});
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(count(html, "id=\"comparison\"") == 1);
  CHECK(html.find("(baseline)") != std::string::npos);
  CHECK(html.find("<tr class=\"baseline\"><td>1</td>") != std::string::npos);
  CHECK(html.find("0.8200 ± 0.0100") != std::string::npos);  // val_accuracy of the baseline
  CHECK(html.find("+0.0200 (p=") != std::string::npos);
  for (const char* id :
       {"curves-loss-run1", "curves-accuracy-run1", "curves-loss-run2", "curves-accuracy-run2",
        "classes-run1", "classes-run2", "confusion-run1", "confusion-run2"})
    CHECK(count(html, std::string("id=\"") + id + "\"") == 1);
  CHECK(count(html, "<svg class=\"chart\"") == 6);
  CHECK(html.find("data-value=\"fold 2 val, epoch 3: 0.3667\"") != std::string::npos);
  CHECK(html.find(">24</td>") != std::string::npos);  // cat as cat, over 3 folds
  CHECK(html.find("node-7") != std::string::npos);
  CHECK(html.find("9.9.9") != std::string::npos);
  CHECK(html.find("name: exp") != std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("href=") == std::string::npos);
  CHECK(html.find("://") == std::string::npos);
}

TEST_CASE("the report says which run has no confusion matrix and escapes every name") {
  RunDetail old = run(3, "<b>old</b> & \"quoted\"", 0, false);
  const std::string html = html_report({run(1, "base", 0, true), old}, {"h.db", "now"});
  CHECK(html.find("Run 3 has no confusion matrix") != std::string::npos);
  CHECK(html.find("<b>old</b>") == std::string::npos);
  CHECK(html.find("&lt;b&gt;old&lt;/b&gt; &amp; &quot;quoted&quot;") != std::string::npos);
  CHECK(count(html, "id=\"confusion-run") == 1);
}

TEST_CASE("runs that do not share folds are not paired") {
  RunDetail other = run(2, "other seed", 0.02, true);
  other.run.seed = 2;
  const std::string html = html_report({run(1, "base", 0, true), other}, {"h.db", "now"});
  CHECK(count(html, "not paired") == 2);
  CHECK_THROWS_AS(html_report({}, {"h.db", "now"}), Error);
}

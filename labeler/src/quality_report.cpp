#include "labeler/quality_report.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <utility>

#include "cnnlab/parallel.hpp"

namespace cnnlab::label {

std::vector<Fingerprint> fingerprint_all(const std::vector<std::string>& files) {
  std::vector<Fingerprint> prints(files.size());
  parallel_for(0, static_cast<int64_t>(files.size()), 1, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i)
      prints[static_cast<size_t>(i)] = fingerprint_file(files[static_cast<size_t>(i)]);
  });
  return prints;
}

QualityReport assess_quality(std::vector<ReportItem> items, std::vector<Fingerprint> prints,
                             const std::vector<std::string>& classes,
                             const QualityThresholds& thresholds) {
  QualityReport report;
  report.classes = classes;
  report.per_class.assign(classes.size(), 0);
  report.thresholds = thresholds;
  for (const auto& item : items) {
    const auto c = std::find(classes.begin(), classes.end(), item.class_name);
    if (c != classes.end()) ++report.per_class[static_cast<size_t>(c - classes.begin())];
  }
  for (size_t i = 0; i < prints.size(); ++i) {
    const Fingerprint& f = prints[i];
    if (!f.decoded) {
      report.unreadable.push_back(i);
      continue;
    }
    if (f.brightness < thresholds.dark_below) report.dark.push_back(i);
    if (f.brightness > thresholds.bright_above) report.bright.push_back(i);
    if (f.sharpness < thresholds.blurry_below) report.blurry.push_back(i);
  }
  report.duplicates = find_duplicates(prints, thresholds.near_distance);
  report.items = std::move(items);
  report.prints = std::move(prints);
  return report;
}

namespace {

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string describe(const QualityReport& r, size_t i) {
  return r.items[i].image + " [" + r.items[i].class_name + "]";
}

void list_section(std::ostringstream& out, const std::string& title, const QualityReport& r,
                  const std::vector<size_t>& indices, const std::string& measure_name,
                  double Fingerprint::*measure) {
  out << title << ": " << indices.size() << "\n";
  for (size_t i : indices)
    out << "  " << describe(r, i) << "  " << measure_name << " " << fixed(r.prints[i].*measure, 1)
        << "\n";
}

}  // namespace

std::string format_quality_report(const QualityReport& r) {
  std::ostringstream out;
  out << "labelled images per class:\n";
  size_t width = 5;  // "total"
  for (const auto& c : r.classes) width = std::max(width, c.size());
  const auto padded = [width](const std::string& name) {
    return "  " + name + std::string(width - name.size() + 2, ' ');
  };
  for (size_t c = 0; c < r.classes.size(); ++c)
    out << padded(r.classes[c]) << r.per_class[c] << (r.per_class[c] == 0 ? "  (none yet)" : "")
        << "\n";
  out << padded("total") << r.items.size() << "\n";

  out << "exact duplicates (same bytes): " << r.duplicates.exact.size() << " group(s)\n";
  for (const auto& group : r.duplicates.exact) {
    out << " ";
    bool conflict = false;
    for (size_t i : group) {
      out << " " << describe(r, i);
      conflict = conflict || r.items[i].class_name != r.items[group[0]].class_name;
    }
    out << (conflict ? "  (different classes)" : "") << "\n";
  }
  out << "near-duplicates (dHash distance <= " << r.thresholds.near_distance
      << "): " << r.duplicates.near.size() << " pair(s)\n";
  for (const auto& pair : r.duplicates.near) {
    const bool conflict = r.items[pair.a].class_name != r.items[pair.b].class_name;
    out << "  " << describe(r, pair.a) << " ~ " << describe(r, pair.b) << "  distance "
        << pair.distance << (conflict ? "  (different classes)" : "") << "\n";
  }
  list_section(out, "very dark (mean gray < " + fixed(r.thresholds.dark_below, 0) + ")", r, r.dark,
               "mean", &Fingerprint::brightness);
  list_section(out, "very bright (mean gray > " + fixed(r.thresholds.bright_above, 0) + ")", r,
               r.bright, "mean", &Fingerprint::brightness);
  list_section(out, "blurry (Laplacian variance < " + fixed(r.thresholds.blurry_below, 0) + ")", r,
               r.blurry, "variance", &Fingerprint::sharpness);
  out << "unreadable: " << r.unreadable.size() << "\n";
  for (size_t i : r.unreadable) out << "  " << describe(r, i) << "  " << r.items[i].file << "\n";
  return out.str();
}

}  // namespace cnnlab::label

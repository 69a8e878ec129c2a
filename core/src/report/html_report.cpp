#include "cnnlab/host/html_report.hpp"

#include <set>

#include "cnnlab/version.hpp"
#include "html_text.hpp"
#include "report_sections.hpp"

namespace cnnlab {

namespace {

std::string experiments_of(const std::vector<RunDetail>& runs) {
  std::set<std::string> seen;
  std::string names;
  for (const auto& r : runs)
    if (seen.insert(r.run.experiment).second)
      names += (names.empty() ? "" : ", ") + r.run.experiment;
  return names;
}

}  // namespace

std::string html_report(const std::vector<RunDetail>& runs, const ReportContext& context) {
  if (runs.empty()) throw Error("a report needs at least one run");
  using namespace report;
  const std::string title = "cnnlab report: " + experiments_of(runs);
  // The policy makes the browser refuse anything from outside the file, so a page that would
  // need the network fails loudly (in the tests, as a console error) instead of quietly.
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
         escaped(title) + "</title><style>" + report_style() + "</style></head><body><h1>" +
         escaped(title) + "</h1><p class=\"note\">" + std::to_string(runs.size()) +
         " run(s) from " + escaped(context.history) + ", report made " +
         escaped(context.generated_at) + " by cnnlab " + escaped(version_string()) + ".</p>" +
         comparison_section(runs) + curves_section(runs) + classes_section(runs) +
         provenance_section(runs) + "<div id=\"tooltip\"></div><script>" + report_script() +
         "</script></body></html>\n";
}

}  // namespace cnnlab

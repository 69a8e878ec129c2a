#include "html_text.hpp"
#include "report_sections.hpp"

namespace cnnlab::report {

std::string provenance_section(const std::vector<RunDetail>& runs) {
  std::string html =
      "<section><h2>Where and when</h2><table id=\"provenance\"><thead><tr><th>run</th>"
      "<th>uuid</th><th>experiment</th><th>host</th><th>threads</th><th>cnnlab</th>"
      "<th>seed</th><th>started (UTC)</th><th>finished (UTC)</th></tr></thead><tbody>";
  for (const RunDetail& r : runs) {
    const RunInfo& i = r.run;
    html += "<tr><td>" + std::to_string(i.id) + "</td><td><code>" + escaped(i.uuid) +
            "</code></td><td>" + escaped(i.experiment) + "</td><td>" + escaped(i.host) +
            "</td><td>" + (i.threads > 0 ? std::to_string(i.threads) : "all cores") + "</td><td>" +
            escaped(i.cnnlab_version) + "</td><td>" + std::to_string(i.seed) + "</td><td>" +
            escaped(i.started_at) + "</td><td>" +
            (i.finished_at.empty() ? "-" : escaped(i.finished_at)) + "</td></tr>";
  }
  html += "</tbody></table><h2>Resolved experiments</h2>";
  for (const RunDetail& r : runs)
    html += "<details><summary>run " + std::to_string(r.run.id) + " " + escaped(r.run.variant) +
            "</summary><pre>" + escaped(r.run.resolved_yaml) + "</pre></details>";
  return html + "</section>";
}

}  // namespace cnnlab::report

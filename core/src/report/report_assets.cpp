// The page's style and script, inline so the report is one file that needs no network.
#include "report_sections.hpp"

namespace cnnlab::report {

const char* report_style() {
  return R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;
 max-width:1240px;padding:0 16px;color:#222;background:#fff}
h1{font-size:22px;margin:0 0 4px} h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd}
h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:6px 0} th,td{padding:3px 6px;border:1px solid #ddd;text-align:right;white-space:nowrap;font-size:13px}
.wide{overflow-x:auto}
th{background:#f4f4f4} td:nth-child(2),th:first-child{text-align:left}
tr.baseline td{background:#eef5fb;font-weight:600}
table.confusion td{min-width:34px;text-align:center} table.confusion th{font-weight:500}
.muted{color:#777;font-weight:400} .note{color:#555;font-size:13px} .missing{color:#a33}
.pair{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
svg.chart{width:560px;height:300px;background:#fff}
svg .title{font-size:13px;font-weight:600} svg .tick,svg .legend{font-size:11px;fill:#333}
svg .label{font-size:12px;fill:#222} svg .grid{stroke:#e6e6e6} svg .frame{fill:none;stroke:#444}
svg .series{fill:none;stroke-width:2} svg .point{cursor:crosshair} svg circle.point:hover{r:6}
#tooltip{position:fixed;pointer-events:none;background:#222;color:#fff;padding:3px 7px;
 border-radius:3px;font-size:12px;display:none;z-index:10}
pre{background:#f7f7f7;padding:10px;overflow:auto;font-size:12px}
)";
}

// Shows a point's value beside the pointer; marks the page ready once it has run, so a
// headless browser's DOM dump shows that the script ran without error.
const char* report_script() {
  return R"(
(function () {
  var tip = document.getElementById('tooltip');
  var points = document.querySelectorAll('svg .point');
  for (var i = 0; i < points.length; ++i) {
    points[i].addEventListener('mousemove', function (e) {
      tip.textContent = this.getAttribute('data-value');
      tip.style.left = (e.clientX + 12) + 'px';
      tip.style.top = (e.clientY + 12) + 'px';
      tip.style.display = 'block';
    });
    points[i].addEventListener('mouseleave', function () { tip.style.display = 'none'; });
  }
  document.body.setAttribute('data-ready', String(points.length));
})();
)";
}

}  // namespace cnnlab::report

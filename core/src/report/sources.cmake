# Sources of core/src/report: results for people to read: the self-contained HTML report of
# stored runs (`runs report`) and result tables as text, CSV or JSON (`runs list`, `plan`...).
target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/classes_section.cpp
  ${CMAKE_CURRENT_LIST_DIR}/comparison_section.cpp
  ${CMAKE_CURRENT_LIST_DIR}/curves_section.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_report.cpp
  ${CMAKE_CURRENT_LIST_DIR}/html_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/provenance_section.cpp
  ${CMAKE_CURRENT_LIST_DIR}/report_assets.cpp
  ${CMAKE_CURRENT_LIST_DIR}/svg_chart.cpp
  ${CMAKE_CURRENT_LIST_DIR}/table_format.cpp)

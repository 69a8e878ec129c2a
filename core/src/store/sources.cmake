# Sources of core/src/store: the SQLite run history.
target_sources(cnnlab_core PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/process_identity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_store_launch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_store_merge.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_store_open.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_store_read.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_store_tables.cpp
  ${CMAKE_CURRENT_LIST_DIR}/run_store_write.cpp
  ${CMAKE_CURRENT_LIST_DIR}/schema.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sqlite_db.cpp
  ${CMAKE_CURRENT_LIST_DIR}/stale_runs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/store_records.cpp
  ${CMAKE_CURRENT_LIST_DIR}/where_parser.cpp)

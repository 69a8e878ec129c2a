#include "labeler/manifest.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "atomic_file.hpp"
#include "cnnlab/error.hpp"
#include "labeler/csv.hpp"
#include "labeler/dataset_paths.hpp"

namespace cnnlab::label {

namespace {

// Rows after the expected header; nullopt-like empty result when the file does not exist.
std::vector<CsvRecord> read_table(const std::string& file, const std::vector<std::string>& header) {
  const std::string unreadable = unreadable_text_file(file);
  if (!unreadable.empty()) throw DataError(unreadable);
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (std::filesystem::exists(file, ec)) throw DataError("cannot read '" + file + "'");
    return {};
  }
  std::stringstream text;
  text << in.rdbuf();
  std::vector<CsvRecord> records = parse_csv(text.str(), file);
  if (records.empty()) return {};
  if (records[0].fields != header) {
    std::string expected;
    for (const auto& h : header) expected += (expected.empty() ? "" : ",") + h;
    throw DataError(file + ":1: expected the header '" + expected + "'");
  }
  for (const auto& r : records)
    if (r.fields.size() != header.size())
      throw DataError(file + ":" + std::to_string(r.line) + ": expected " +
                      std::to_string(header.size()) + " fields, found " +
                      std::to_string(r.fields.size()));
  records.erase(records.begin());
  return records;
}

const std::vector<std::string> kManifestHeader{"path", "class", "source", "sha256"};
const std::vector<std::string> kSplitHeader{"path", "split"};

// Export moves and deletes the files these rows name: a row must name a file the labeler
// could have written, "<class>/<file>" inside DATASET_DIR.
void check_path(const CsvRecord& r, const std::string& file) {
  const std::string problem = exported_path_problem(r.fields[0]);
  if (!problem.empty())
    throw DataError(file + ":" + std::to_string(r.line) + ": " + problem +
                    " (export only touches files it wrote)");
}

}  // namespace

std::vector<ManifestRow> read_manifest(const std::string& file) {
  std::vector<ManifestRow> rows;
  for (const auto& r : read_table(file, kManifestHeader)) {
    check_path(r, file);
    if (r.fields[0].substr(0, r.fields[0].find('/')) != r.fields[1])
      throw DataError(file + ":" + std::to_string(r.line) + ": path '" + r.fields[0] +
                      "' is not in the folder of its class '" + r.fields[1] + "'");
    rows.push_back({r.fields[0], r.fields[1], r.fields[2], r.fields[3]});
  }
  return rows;
}

void write_manifest(const std::string& file, const std::vector<ManifestRow>& rows) {
  std::string text = csv_row(kManifestHeader);
  for (const auto& r : rows) text += csv_row({r.path, r.class_name, r.source, r.sha256});
  write_file_atomically(file, text);
}

std::vector<SplitRow> read_split(const std::string& file) {
  std::vector<SplitRow> rows;
  for (const auto& r : read_table(file, kSplitHeader)) {
    check_path(r, file);
    if (r.fields[1] != "train" && r.fields[1] != "test")
      throw DataError(file + ":" + std::to_string(r.line) + ": split '" + r.fields[1] +
                      "' is neither train nor test");
    rows.push_back({r.fields[0], r.fields[1] == "test"});
  }
  return rows;
}

void write_split(const std::string& file, const std::vector<SplitRow>& rows) {
  std::string text = csv_row(kSplitHeader);
  for (const auto& r : rows) text += csv_row({r.path, r.test ? "test" : "train"});
  write_file_atomically(file, text);
}

}  // namespace cnnlab::label

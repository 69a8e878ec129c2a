#pragma once
// The little JSON cnnlab writes by hand: quoting text (always valid UTF-8 out, whatever comes
// in), numbers that round-trip, and reading back the flat {"name": "value"} objects the store
// writes as params_json. Used by the store, the table formats and the ONNX metadata.
#include <string>
#include <utility>
#include <vector>

namespace cnnlab {

// A JSON string literal, quotes included. Invalid UTF-8 bytes become U+FFFD.
std::string json_quote(const std::string& text);
// The shortest text that reads back as the same double; "null" for NaN and infinities.
std::string json_number(double value);

using NameValues = std::vector<std::pair<std::string, std::string>>;
std::string flat_json_object(const NameValues& entries);
// What a damaged params_json (edited by hand, or a damaged file) reads as: one parameter of
// this name whose value says what is wrong. Every query keeps working for the other runs, and
// list, show and export show the note on the damaged one.
inline constexpr const char* kDamagedParamsName = "damaged_params_json";

// Reads a flat object as flat_json_object writes it (bare numbers and booleans are kept as
// their text); anything else gives the single kDamagedParamsName entry.
NameValues parse_flat_json_object(const std::string& text);

}  // namespace cnnlab

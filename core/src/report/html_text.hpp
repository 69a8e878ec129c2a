#pragma once
// Text for the HTML report: escaping and number formats. Internal to libcnnlab.
#include <string>

namespace cnnlab::report {

// Safe inside element content and quoted attribute values.
std::string escaped(const std::string& text);
// printf-style for one number; "-" for NaN or infinity.
std::string number(const char* format, double value);

}  // namespace cnnlab::report

#pragma once
// Small text helpers that readers of user files and error messages need everywhere.
#include <string>
#include <vector>

#include "cnnlab/export.hpp"

namespace cnnlab {

// `s` without leading and trailing spaces, tabs and carriage returns (a CRLF file's lines).
CNNLAB_API std::string trim(const std::string& s);

// The items with `separator` between them: "a, b, c".
CNNLAB_API std::string join(const std::vector<std::string>& items,
                            const std::string& separator = ", ");

}  // namespace cnnlab

#pragma once
// `--script FILE`: one key name per line (see keys.hpp), '#' comments and blank lines allowed.
#include <string>
#include <vector>

namespace cnnlab::label {

struct ScriptedKey {
  int code = -1;
  int line = 0;
};

// Throws ConfigError "<file>:<line>: unknown key name 'Rigth' (did you mean 'Right'?)".
std::vector<ScriptedKey> read_key_script(const std::string& path);

}  // namespace cnnlab::label

// `runs list --where EXPR` and `--sort COL`: the input is the option's text.
#include "cnnlab/host/store_query.hpp"
#include "support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    cnnlab::parse_where(text);
  } catch (const cnnlab::Error&) {
  }
  try {
    cnnlab::RunQuery query;
    cnnlab::parse_sort(text, query);
  } catch (const cnnlab::Error&) {
  }
  return 0;
}

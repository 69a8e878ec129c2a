#pragma once
// SHA-256 through OpenSSL's EVP interface: a vetted implementation that uses the CPU's SHA
// instructions, so hashing every source photo on each export stays cheap.
#include <cstddef>
#include <string>

namespace cnnlab::label {

// Lower-case hex digest (64 characters).
std::string sha256_hex(const void* data, size_t size);
// Digest of a file's bytes, read in chunks. Throws DataError when it cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace cnnlab::label

#pragma once
// Symbols of libcnnlab that plugins and the runner may use. Everything else stays hidden.
#define CNNLAB_API __attribute__((visibility("default")))

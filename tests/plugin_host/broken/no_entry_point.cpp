// A shared library that is not a cnnlab plugin: it exports a function, but no entry point.
extern "C" __attribute__((visibility("default"))) int not_a_cnnlab_plugin() { return 42; }

# A well-formed shared library that is not a cnnlab plugin in a plugin folder (libasan, copied
# beside a plugin's dependencies): it was dlopen'ed to look for the entry point, so its
# constructors ran, and libasan's ended every plugin-loading command with its own message
# (exit 1). The entry point is looked up in .dynsym first; such a library is never loaded.
# This one's constructor writes outside the working folder and exits 3, as a tell.
expect_exit=0
expect_stderr="libforeign.so"
setup() {
  idx_dataset data
  tiny_experiment exp.yaml data
  mkdir plugins
  cat >foreign.cpp <<'CPP'
#include <cstdio>
#include <cstdlib>
__attribute__((constructor)) static void hostile() {
  std::FILE* f = std::fopen("../outside/constructor-ran", "w");
  if (f) std::fclose(f);
  std::fputs("==1==a foreign library's constructor ran\n", stderr);
  std::exit(3);
}
CPP
  c++ -shared -fPIC -o plugins/libforeign.so foreign.cpp
}
run() { cnnlab summary exp.yaml --plugins plugins; }

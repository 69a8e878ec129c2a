// Compiled by sdk_boundary.sh with only the include directories a plugin gets from
// cnnlab::core: the SDK headers must be there, the host's must not.
#include "cnnlab/plugin.hpp"
#include "cnnlab/testing/layer_check.hpp"
#if defined(CNNLAB_PROBE_HOST)
#include "cnnlab/host/run_store.hpp"
#endif

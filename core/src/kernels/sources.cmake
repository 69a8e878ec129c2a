# Sources of core/src/kernels (none yet).

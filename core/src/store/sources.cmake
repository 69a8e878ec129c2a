# Sources of core/src/store (none yet).

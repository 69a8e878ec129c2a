# Sources of core/src/train (none yet).

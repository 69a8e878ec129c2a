# Sources of core/src/experiment (none yet).

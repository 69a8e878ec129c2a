#!/usr/bin/env bash
# The first README command: install what is missing, build, run the quickstart experiment.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "$root"
exec "$root/build/bin/cnnlab" run experiments/quickstart.yaml

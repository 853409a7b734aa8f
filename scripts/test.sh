#!/usr/bin/env bash
# The whole test suite: unit and integration tests, promtool/amtool checks, monitoring/ regeneration.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -ntp verify "$@"

#!/usr/bin/env bash
# The test command: builds everything and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")"
export PIP_RETRIES="${PIP_RETRIES:-0}"
exec mvn -B -ntp verify "$@"

#!/usr/bin/env bash
# Detection latency of the signal detectors for the budget case of issue 8 (see docs/benchmarks.md).
# Usage: bash bench/detection.sh [iterations]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test-compile exec:java@detection-bench -Dexec.args="${1:-2000}"

#!/usr/bin/env bash
# The benchmark: for N JSON-only alerts (default 10, 200 and 2000) against a real local Elasticsearch,
# the runner's pass wall time and peak RSS, and the time of one raw _msearch with the same searches (the
# floor); then a one-alert pass's start-up with and without tuned JVM flags and a class-data sharing
# archive. It prints figures; it is not a test. Usage: bench/run.sh [N ...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q -pl alert-runner exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.alertas.runner.bench.Bench \
  -Dexec.args="$PWD/alert-runner/target/alert-runner.jar ${*:-10 200 2000}" \
  -Dexec.cleanupDaemonThreads=false

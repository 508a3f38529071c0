#!/usr/bin/env bash
# How long a backtest of one alert over a month of one-minute windows takes against a real local
# Elasticsearch holding a month of events (docs/performance.md). It prints figures; it is not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q -pl alert-runner exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.alertas.runner.bench.BacktestBench \
  -Dexec.args="$PWD/alert-runner/target/alert-runner.jar" \
  -Dexec.cleanupDaemonThreads=false

#!/usr/bin/env bash
# The benchmark (docs/performance.md): against a real local Elasticsearch with TLS, for 1, 10, 200 and 2000
# alerts, locally and through a proxy 20 ms of round trip away, an Alertas pass as cron runs it (the tarball's
# bin/alertas), the one-query-at-a-time pass of bench/one_at_a_time.py, the floor (a cold JVM hello-world plus
# one curl _msearch of the same searches) and the Java floor (bench/JavaFloor.java); then serve's passes. Prints
# figures, ratios and targets; it is not a test. Needs python3 and curl. Usage: bench/run.sh [N ...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q -pl alert-runner exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.alertas.runner.bench.Bench \
  -Dexec.args="$(ls "$PWD"/alertas-dist/target/alertas-*.tar.gz) $PWD/bench ${*:-1 10 200 2000}" \
  -Dexec.cleanupDaemonThreads=false

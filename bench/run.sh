#!/usr/bin/env bash
# The benchmark (docs/performance.md): against a real local Elasticsearch with TLS, for 1, 10, 200, 2000 and
# 10 000 alerts, locally and through a proxy 20 ms of round trip away (10 000: through the proxy only), it times in
# wall time, CPU seconds and peak RSS an Alertas pass as cron runs it (the tarball's bin/alertas), the
# one-query-at-a-time pass of bench/one_at_a_time.py (up to 2000 alerts), the floor (a cold JVM hello-world plus
# one curl _msearch of the same searches) and the Java floor (bench/JavaFloor.java), the Java ones on this JVM and
# on a Java 25; then serve's passes. Prints the machine, a table for docs/performance.md and issue 28's targets
# met or missed; it is not a test. Needs python3 and curl. Takes about 20 minutes with the default sizes.
# Usage: [BENCH_RUNS=3] [BENCH_JAVA25=/usr/lib/jvm/temurin-25-jdk-amd64] bench/run.sh [N ...]
# BENCH_RUNS: the runs each figure is the median of. BENCH_JAVA25: a Java 25's home (without one, no Java 25 rows).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests install
mvn -B -q -pl alert-runner exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.alertas.runner.bench.Bench \
  -Dexec.args="$(ls "$PWD"/alertas-dist/target/alertas-*.tar.gz) $PWD/bench ${*:-1 10 200 2000 10000}" \
  -Dexec.cleanupDaemonThreads=false

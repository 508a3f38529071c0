#!/usr/bin/env bash
# The Alertas demo: builds the project, starts a local Elasticsearch (from the Maven artifact), a
# Slack-compatible receiver and an SMTP server, loads sample events, runs the runner jar twice, and stops
# everything. Needs only JDK 17 and Maven.
set -euo pipefail
cd "$(dirname "$0")"
echo "Building Alertas (tests skipped; run them with: mvn -B verify) ..."
mvn -B -q -DskipTests install -pl alert-runner -am
mvn -B -q -pl alert-runner exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.alertas.runner.demo.Demo \
  -Dexec.args="$PWD/alert-runner/target/alert-runner.jar" \
  -Dexec.cleanupDaemonThreads=false

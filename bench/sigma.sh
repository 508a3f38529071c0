#!/usr/bin/env bash
# The Sigma benchmark (docs/performance.md, "Sigma rules"): a local Elasticsearch holding a day of a Windows
# fleet's events as Winlogbeat 8 indexes them (1 000 000 by default), every SigmaHQ Windows rule that loads
# active, and passes of the tarball's bin/alertas run --timings as cron runs them: wall time, peak RSS, the
# searches the node received, the notifications delivered, the planted attacks caught. Prints figures; it is
# not a test. Usage: bench/sigma.sh [EVENTS] [RULES_DIR]; RULES_DIR defaults to ../shared/sigma/rules/windows
# (or $ALERTAS_SIGMA_DIR/rules/windows). With LOAD_ONLY=1 it only indexes the events and times that.
# Extra Maven options (such as -Dmaven.repo.local=...) go in MVN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
rules="${2:-${ALERTAS_SIGMA_DIR:-$PWD/../shared/sigma}/rules/windows}"
[ -d "$rules" ] || { echo "no rules folder: $rules" >&2; exit 2; }
if [ "${LOAD_ONLY:-}" = 1 ]; then
  mvn -B -q ${MVN_ARGS:-} -pl alert-runner -am -DskipTests install
  tarball=-
else
  mvn -B -q ${MVN_ARGS:-} -DskipTests install
  tarball="$(ls "$PWD"/alertas-dist/target/alertas-*.tar.gz)"
fi
mvn -B -q ${MVN_ARGS:-} -pl alert-runner exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.alertas.runner.bench.SigmaBench \
  -Dexec.args="$tarball $rules ${1:-1000000}" \
  -Dexec.cleanupDaemonThreads=false

#!/usr/bin/env bash
# Try Alertas on your own machine: builds, starts a local cluster from the Maven artifact (Elasticsearch 8.19.21,
# or the one named: elasticsearch-7.17.29, elasticsearch-9.2.0, opensearch-2.19.3, opensearch-3.3.0), installs
# the index templates, loads Winlogbeat/Metricbeat/Heartbeat sample events, writes a config dir pointing at it
# (./sandbox, or DIR), prints the URL, CA, user and password and the commands to run next, and keeps running
# until Ctrl-C. Needs only JDK 17 and Maven (Elasticsearch 9 and OpenSearch 3 need a Java 21+ under /usr/lib/jvm,
# or ALERTAS_NODE_JAVA_HOME, for the node).
#
#   ./try.sh [CLUSTER] [DIR]
set -euo pipefail
cd "$(dirname "$0")"
cluster=${1:-elasticsearch-8.19.21}
dir=$(realpath -m "${2:-sandbox}")
echo "Building Alertas (tests skipped) ..."
mvn -B -q -DskipTests install
case "$cluster" in
  elasticsearch-8.19.21) ;;  # the tests' own, fetched by the build
  elasticsearch-*) mvn -B -q dependency:get -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${cluster#elasticsearch-}:zip" ;;
  opensearch-*) mvn -B -q dependency:get -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:${cluster#opensearch-}:zip" ;;
  *) echo "try.sh: unknown cluster \"$cluster\"; one of elasticsearch-7.17.29, elasticsearch-8.19.21, elasticsearch-9.2.0, opensearch-2.19.3, opensearch-3.3.0" >&2; exit 2 ;;
esac
mvn -B -q -pl alert-runner exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.alertas.runner.Sandbox \
  -Dexec.args="$dir $PWD/alertas-dist/src/dist/index-templates $cluster" \
  -Dexec.cleanupDaemonThreads=false

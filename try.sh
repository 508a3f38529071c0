#!/usr/bin/env bash
# Try Alertas on your own machine: builds, starts a local cluster from the Maven artifact (Elasticsearch 8.19.21,
# or the one named: elasticsearch-7.17.29, elasticsearch-9.2.0, opensearch-2.19.3, opensearch-2.19.3+security (with
# OpenSearch's security plugin from Maven Central: TLS, a user and a password), opensearch-3.3.0), installs
# the index templates, loads Winlogbeat/Metricbeat/Heartbeat sample events, writes a config dir pointing at it
# (./sandbox beside this script, or DIR), prints the URL, CA, user and password and the commands to run next, and
# keeps running until Ctrl-C. Needs only JDK 17 and Maven (Elasticsearch 9 and OpenSearch 3 need a Java 21+ under
# /usr/lib/jvm, or ALERTAS_NODE_JAVA_HOME, for the node).
#
# Run again, it reuses the config dir (your alerts.d files and edits are kept; sandbox.properties in it remembers
# the ports, so the cluster and the Slack receiver come back where the config points) and builds only when a
# pom.xml or a file under a module's src/ is newer than the last build it made itself. Its build installs the modules
# into the local Maven repository, where the sandbox's run finds them; a jar from "mvn package" or ./test.sh says
# nothing of what is installed, so the first ./try.sh always builds.
#
#   ./try.sh [CLUSTER] [DIR]
set -euo pipefail
cluster=${1:-elasticsearch-8.19.21}
if [ $# -ge 2 ]; then dir=$(realpath -m -- "$2"); fi
cd "$(dirname "$0")"
dir=${dir:-$PWD/sandbox}
case "$cluster" in
  elasticsearch-7.17.29|elasticsearch-8.19.21|elasticsearch-9.2.0|opensearch-2.19.3|opensearch-2.19.3+security|opensearch-3.3.0) ;;
  *) echo "try.sh: unknown cluster \"$cluster\"; one of elasticsearch-7.17.29, elasticsearch-8.19.21, elasticsearch-9.2.0, opensearch-2.19.3, opensearch-2.19.3+security, opensearch-3.3.0" >&2; exit 2 ;;
esac

# Built already when try.sh's own build (its install) made the runner jar and no pom.xml or module source is newer
# than that build.
stamp=alert-runner/target/try.sh-built
changed=yes
if [ -f "$stamp" ] && [ -f alert-runner/target/alert-runner.jar ]; then
  changed=$(find . \( -name target -o -name .git -o -path ./examples -o -path ./bench -o -path "./${dir#"$PWD"/}" \) -prune \
    -o -type f \( -name pom.xml -o -path '*/src/*' \) -newer "$stamp" -print -quit)
fi
if [ -n "$changed" ]; then
  echo "Building Alertas (tests skipped) ..."
  mkdir -p alert-runner/target
  : > "$stamp.new"   # the build's start: a file saved while it builds is newer, and is built next time
  mvn -B -q -DskipTests install -pl alert-runner -am   # the runner and what it and its tests need: no package, no image
  mv "$stamp.new" "$stamp"
else
  echo "Alertas is built: no pom.xml or src/ file is newer than the last build by try.sh."
fi
case "$cluster" in
  elasticsearch-8.19.21) ;;  # the tests' own, fetched by the build
  elasticsearch-*) mvn -B -q dependency:get -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${cluster#elasticsearch-}:zip" ;;
  opensearch-*+security) version=${cluster#opensearch-}; version=${version%+security}
    mvn -B -q dependency:get -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:$version:zip"
    mvn -B -q dependency:get -Dartifact="org.opensearch.plugin:opensearch-security:$version.0:zip" ;;
  opensearch-*) mvn -B -q dependency:get -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:${cluster#opensearch-}:zip" ;;
esac
exec mvn -B -q -pl alert-runner exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.alertas.runner.Sandbox \
  -Dexec.args="'$dir' '$PWD/alertas-dist/src/dist/index-templates' $cluster '$PWD/alert-runner/target/alert-runner.jar'" \
  -Dexec.cleanupDaemonThreads=false

#!/usr/bin/env bash
# The test command: installs the Debian packages the tests need where they are missing, then runs every module's
# tests, mvn -B verify (with the arguments given to it, such as -o or -Dalertas.cluster=opensearch-3.3.0).
# Which test needs which package, and how long it takes: docs/testing.md. ./test.sh --packages installs the
# packages only (CI then runs mvn -B verify itself, with install:install).
set -euo pipefail
cd "$(dirname "$0")"

packages=()
command -v setpriv >/dev/null 2>&1 && command -v unshare >/dev/null 2>&1 || packages+=(util-linux)
command -v mount >/dev/null 2>&1 || packages+=(mount)
[ -x /usr/bin/chromium ] || packages+=(chromium)
/usr/bin/python3 -c 'import prometheus_client' >/dev/null 2>&1 || packages+=(python3-prometheus-client)
[ -x /usr/bin/systemd-analyze ] || packages+=(systemd)
[ -x /usr/bin/prometheus-alertmanager ] || packages+=(prometheus-alertmanager)
command -v skopeo >/dev/null 2>&1 || packages+=(skopeo)
command -v umoci >/dev/null 2>&1 || packages+=(umoci)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
[ -x /usr/sbin/adduser ] || packages+=(adduser)   # in /usr/sbin: not on a non-root user's PATH

if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    as_root=()
  elif command -v apt-get >/dev/null 2>&1 && command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
    as_root=(sudo -n)
  else
    echo "test.sh: the tests need the Debian packages ${packages[*]}, which are missing; install them as root (apt-get install ${packages[*]}) and run ./test.sh again" >&2
    exit 2
  fi
  echo "test.sh: installing the Debian packages the tests need: ${packages[*]}"
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
fi

[ "${1:-}" = --packages ] && exit 0
exec mvn -B verify "$@"

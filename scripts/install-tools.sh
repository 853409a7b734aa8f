#!/usr/bin/env bash
# Installs the Debian packages the test suite runs for real: promtool/prometheus, amtool/alertmanager,
# node exporter, docker-compose (offline `config` check only), victoria-metrics (the long-term store FleetIT and
# `run-native.sh --ha` run: binaries victoria-metrics, vmagent, vmalert), wrk, hey, curl for the benchmarks, and
# chromium (headless) for the flame graph viewer's browser test.
set -euo pipefail
packages=(prometheus prometheus-alertmanager prometheus-node-exporter victoria-metrics docker-compose wrk hey curl
          chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-tools: all present (${packages[*]})"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-tools: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

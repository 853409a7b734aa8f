#!/usr/bin/env bash
# Shared by bench-load.sh and bench-soak.sh (sourced, not run): tool checks, CPU pinning, the api-server bench
# config, starting servers and stopping every one of them on exit.

bench_build="mvn -B -ntp -q -pl api-server,benchmarks -am package -DskipTests"

# require_tools NAME:DEBIAN_PACKAGE...
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "${tool%%:*}" >/dev/null ||
      { echo "error: ${tool%%:*} not found (Debian package ${tool#*:})" >&2; exit 1; }
  done
}

# require_jars JAR...
require_jars() {
  local jar
  for jar in "$@"; do
    [ -f "$jar" ] || { echo "error: $jar missing; build first: $bench_build" >&2; exit 1; }
  done
}

# Two or more CPUs: servers on CPU 0, load generator on CPU 1, so they do not compete for one core.
if [ "$(nproc)" -ge 2 ]; then
  pin_server=(taskset -c 0)
  pin_load=(taskset -c 1)
else
  pin_server=()
  pin_load=()
fi

work=$(mktemp -d)
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# api_config FILE TOKEN_FILE: the api-server's bench config; the `default` rate-limit group (GET /auth/status) is
# raised so that load runs measure the limiter's cost, not 429s. State goes beside the token file, never to ~.
api_config() {
  cat >"$1" <<EOF2
tokenFile: $2
stateDir: $2-state
rateLimit:
  perMinute:
    default: 1000000
shutdownDrainSeconds: 1
EOF2
}

# start_server NAME CMD...: starts a server pinned to the server CPU and waits for its
# "listening on http://HOST:PORT" line; sets started_pid and started_port. Output goes to $work/NAME.{out,err}.
start_server() {
  local name=$1 pid
  shift
  "${pin_server[@]}" "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 300); do
    if grep -q '^listening on ' "$work/$name.out"; then
      started_pid=$pid
      started_port=$(sed -n 's/^listening on http:\/\/.*:\([0-9]*\)$/\1/p' "$work/$name.out" | head -1)
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "($name) did not start: $(tail -3 "$work/$name.err" | tr '\n' ' ')" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "($name) did not print its listening line within 30 s" >&2
  return 1
}

# read_token FILE: the admin token the api-server writes once it listens.
read_token() {
  for _ in $(seq 1 50); do
    [ -s "$1" ] && break
    sleep 0.1
  done
  cat "$1"
}

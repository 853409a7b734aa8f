#!/usr/bin/env bash
# Load benchmark (issue 9): instrumentation overhead of the api-server, side by side in one run.
# Builds nothing; see usage. Loopback only; every server it starts is stopped on exit.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/bench-load.sh [--duration S] [--rate R] [--connections N] [--servers "a b c d"] [--help]

Starts, one after the other on 127.0.0.1 (free ports), each server pinned to CPU 0 and the load generator to CPU 1:
  (a) api-server.jar, everything on: request metrics, profiler, auth and rate limiter (on /auth/status)
  (b) api-server.jar with `instrumentation: {enabled: false}` (no per-request metrics, no profiling)
  (c) a bare Vert.x Web server answering the same routes with the same bodies (benchmarks.jar)
  (d) Vert.x Web + vertx-micrometer-metrics + Micrometer Prometheus registry (benchmarks.jar)
and measures, per server and route, after 5 s of wrk on each route to warm the JIT: throughput at saturation
(wrk -t1 -cN -dS) and latency p50/p99 at a fixed rate (hey -z S -c 8 -q R/8); per server: peak RSS during load
(VmRSS), /metrics render time (curl, 10 samples after 20 unmeasured, after traffic on 20 routes). Prints a table, then
the ratios a/b, a/c, a/d per route and the issue 9 targets.

Two routes, both trivial handlers with the api-server's exact bodies (c and d serve the bytes fetched from a):
  /health/live   public: request metrics and profiler only, so a vs c/d compares instrumentation alone;
  /auth/status   admin bearer token: auth and the rate limiter run too (no public route is rate-limited; its group
                 `default` is raised to 1,000,000/min in the bench config so no 429 occurs). c/d skip the auth.

Build first (from the repository root):
  mvn -B -ntp -q -pl api-server,benchmarks -am package -DskipTests

Options:
  --duration S      seconds of each measured run (default 10)
  --rate R          total requests/s of the fixed-rate latency run (default 2000)
  --connections N   wrk connections at saturation (default 32)
  --servers LIST    which servers to run (default "a b c d")
Environment: SERVER_JAVA_OPTS (default "-Xms64m -Xmx128m -XX:+UseSerialGC"), API_JAR, BENCH_JAR.
Needs: java, wrk (Debian package wrk), hey (hey), taskset (util-linux), curl (curl).
EOF
}

root=$(cd "$(dirname "$0")/.." && pwd)
duration=10
rate=2000
connections=32
servers="a b c d"
while [ $# -gt 0 ]; do
  case "$1" in
    --help|-h) usage; exit 0 ;;
    --duration) duration=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --servers) servers=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

api_jar=${API_JAR:-$root/api-server/target/api-server.jar}
bench_jar=${BENCH_JAR:-$root/benchmarks/target/benchmarks.jar}
java_opts=${SERVER_JAVA_OPTS--Xms64m -Xmx128m -XX:+UseSerialGC}
routes=(/health/live /auth/status)
latency_connections=8
warmup=5

for tool in java:default-jre-headless wrk:wrk hey:hey taskset:util-linux curl:curl; do
  command -v "${tool%%:*}" >/dev/null || { echo "error: ${tool%%:*} not found (Debian package ${tool#*:})" >&2; exit 1; }
done
for jar in "$api_jar" "$bench_jar"; do
  [ -f "$jar" ] || { echo "error: $jar missing; build first: mvn -B -ntp -q -pl api-server,benchmarks -am package -DskipTests" >&2; exit 1; }
done

# Two or more CPUs: server on CPU 0, load generator on CPU 1, so they do not compete for one core.
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
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME CMD...: starts a server, waits for its "listening on http://HOST:PORT" line, sets $pid and $port.
start() {
  local name=$1
  shift
  "${pin_server[@]}" "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 300); do
    if grep -q '^listening on ' "$work/$name.out"; then
      port=$(sed -n 's/^listening on http:\/\/.*:\([0-9]*\)$/\1/p' "$work/$name.out" | head -1)
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

stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# Peak VmRSS (kB) of PID, sampled every 0.5 s into FILE until the sampler is killed.
sample_rss() {
  local pid=$1 file=$2 peak=0 kb
  while kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) && [ -n "$kb" ]; do
    [ "$kb" -gt "$peak" ] && peak=$kb && echo "$peak" >"$file"
    sleep 0.5
  done
}

# Traffic on the api-server's 20 (method, endpoint) pairs; unsafe admin actions are sent without a token (401).
twenty_routes() {
  local base=$1 auth=$2 i
  for i in 1 2 3; do
    for path in /health /health/quick /health/live /health/ready /metrics /auth/status /scene /scene/history \
      /scenes /scene/dump /alerts /no/such/route; do
      curl -s -o /dev/null -H "$auth" "$base$path" || true
    done
    curl -s -o /dev/null -H "$auth" -H 'Content-Type: application/json' -d '{"scene_path":"res://main.tscn"}' "$base/scene"
    curl -s -o /dev/null -X PUT -H "$auth" -H 'Content-Type: application/json' -d '{"scene_path":"res://main.tscn"}' "$base/scene"
    curl -s -o /dev/null -H "$auth" -H 'Content-Type: application/json' -d '{}' "$base/scene/reload"
    curl -s -o /dev/null -H "$auth" -H 'Content-Type: application/json' -d '{"role":"nobody"}' "$base/auth/token"
    curl -s -o /dev/null -H 'Content-Type: application/json' -d '{}' "$base/auth/rotate"
    curl -s -o /dev/null -H 'Content-Type: application/json' -d '{}' "$base/auth/revoke"
    curl -s -o /dev/null -H 'Content-Type: application/json' -d '{}' "$base/alerts/webhook"
    curl -s -o /dev/null -X DELETE "$base/health/live"
  done
}

# /metrics render time: median and max of 10 samples (ms) after 20 unmeasured ones (JIT), plus size and sample count.
metrics_render() {
  local url=$1 times
  for _ in $(seq 1 20); do curl -s -o /dev/null "$url"; done
  times=$(for _ in $(seq 1 10); do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done | sort -n)
  curl -s "$url" >"$work/metrics.txt"
  echo "$(echo "$times" | awk '{a[NR]=$1*1000} END {printf "%.1f/%.1f", (a[5]+a[6])/2, a[NR]}')" \
    "$(wc -c <"$work/metrics.txt")" "$(grep -vc '^#' "$work/metrics.txt")"
}

declare -A rps non2xx p50 p99 fixed_rps rss render
token=""
bench_config() {
  cat <<EOF
tokenFile: $work/token
rateLimit:
  perMinute:
    default: 1000000
shutdownDrainSeconds: 1
EOF
}
bench_config >"$work/a.yaml"
{ bench_config; printf 'instrumentation:\n  enabled: false\n'; } >"$work/b.yaml"

# auth_for ROUTE: the wrk/hey header options the route needs.
auth_for() {
  auth=()
  if [ -n "$token" ] && [ "$1" != /health/live ]; then
    auth=(-H "Authorization: Bearer $token")
  fi
}

# warm NAME: JIT warm-up, every route at saturation, before anything is measured.
warm() {
  local route
  for route in "${routes[@]}"; do
    auth_for "$route"
    "${pin_load[@]}" wrk -t1 -c"$connections" -d"${warmup}s" "${auth[@]}" "http://127.0.0.1:$port$route" >/dev/null
  done
}

# measure NAME ROUTE: saturation and fixed-rate runs on one route; results keyed "NAME ROUTE".
measure() {
  local name=$1 route=$2 url="http://127.0.0.1:$port$2" key out
  auth_for "$route"
  key="$name $route"
  out="$work/$name${route//\//_}"
  "${pin_load[@]}" wrk -t1 -c"$connections" -d"${duration}s" "${auth[@]}" "$url" >"$out.wrk"
  "${pin_load[@]}" hey -z "${duration}s" -c "$latency_connections" -q $((rate / latency_connections)) "${auth[@]}" \
    "$url" >"$out.hey"
  rps[$key]=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$out.wrk")
  non2xx[$key]=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$out.wrk")
  non2xx[$key]=${non2xx[$key]:-0}
  p50[$key]=$(awk '/ 50% in / {printf "%.2f", $3 * 1000}' "$out.hey")
  p99[$key]=$(awk '/ 99% in / {printf "%.2f", $3 * 1000}' "$out.hey")
  fixed_rps[$key]=$(awk '/Requests\/sec:/ {printf "%.0f", $2}' "$out.hey")
  if grep -q '^  \[[^2]' "$out.hey"; then
    echo "($key) fixed-rate run had non-2xx responses: $(grep '^  \[' "$out.hey" | tr -s ' ' | tr '\n' ' ')" >&2
  fi
}

echo "# bench-load $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -1))," \
  "$(java -version 2>&1 | head -1)"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# server JVM options: ${java_opts:-(none)}; pinning: server '${pin_server[*]:-none}', load '${pin_load[*]:-none}'"
echo "# saturation: wrk -t1 -c$connections -d${duration}s (after ${warmup}s warm-up per route);" \
  "fixed rate: hey -z ${duration}s -c $latency_connections -q $((rate / latency_connections)) (= $rate req/s)"

# shellcheck disable=SC2086 # intentional word splitting of the JVM options
for name in $servers; do
  case "$name" in
    a|b)
      rm -f "$work/token"
      start "$name" java $java_opts -jar "$api_jar" --host 127.0.0.1 --port 0 --config "$work/$name.yaml" || continue
      for _ in $(seq 1 50); do [ -s "$work/token" ] && break; sleep 0.1; done
      token=$(cat "$work/token")
      for route in "${routes[@]}"; do
        [ -s "$work/body${route//\//_}" ] ||
          curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port$route" >"$work/body${route//\//_}"
      done
      twenty_routes "http://127.0.0.1:$port" "Authorization: Bearer $token"
      ;;
    c|d)
      token=""
      route_args=()
      for route in "${routes[@]}"; do
        # Without an api-server in this run, a stand-in body.
        [ -s "$work/body${route//\//_}" ] || printf '{"status":"alive"}' >"$work/body${route//\//_}"
        route_args+=(--route "$route=$work/body${route//\//_}")
      done
      main=BareVertxServer
      [ "$name" = d ] && main=MicrometerVertxServer
      start "$name" java $java_opts -cp "$bench_jar" "dev.spacetime.benchmarks.load.$main" --port 0 \
        "${route_args[@]}" || continue
      ;;
    *) echo "unknown server '$name' (a, b, c or d)" >&2; exit 2 ;;
  esac
  : >"$work/$name.rss"
  sample_rss "$pid" "$work/$name.rss" &
  sampler=$!
  warm
  for route in "${routes[@]}"; do
    measure "$name" "$route"
  done
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  rss[$name]=$(awk '{printf "%.0f", $1 / 1024}' "$work/$name.rss")
  if [ "$name" != c ]; then
    render[$name]=$(metrics_render "http://127.0.0.1:$port/metrics")
  fi
  stop "$pid"
done

echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n%-4s %-13s %9s %8s %8s %8s %10s\n' server route 'req/s' non-2xx 'p50 ms' 'p99 ms' 'fixed r/s'
for name in $servers; do
  for route in "${routes[@]}"; do
    key="$name $route"
    [ -n "${rps[$key]:-}" ] || { printf '%-4s %-13s (not run)\n' "$name" "$route"; continue; }
    printf '%-4s %-13s %9s %8s %8s %8s %10s\n' "$name" "$route" "${rps[$key]}" "${non2xx[$key]}" "${p50[$key]}" \
      "${p99[$key]}" "${fixed_rps[$key]}"
  done
done
printf '\n%-4s %12s %26s\n' server 'peak RSS MB' '/metrics ms median/max'
for name in $servers; do
  [ -n "${rss[$name]:-}" ] || continue
  read -r ms bytes samples <<<"${render[$name]:-- - -}"
  printf '%-4s %12s %26s\n' "$name" "${rss[$name]}" "$ms$([ "$ms" = - ] || echo " ($samples samples, $bytes B)")"
done

ratio() { # KEY1 KEY2
  if [ -n "${rps[$1]:-}" ] && [ -n "${rps[$2]:-}" ]; then
    awk -v x="${rps[$1]}" -v y="${rps[$2]}" 'BEGIN {printf "%.3f", x / y}'
  else
    echo n/a
  fi
}
verdict() { # VALUE OP LIMIT
  [ "$1" = n/a ] && { echo "n/a"; return; }
  awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {ok = op == ">=" ? v >= l : v <= l; print ok ? "MET" : "MISSED"}'
}
for route in "${routes[@]}"; do
  ab=$(ratio "a $route" "b $route"); ac=$(ratio "a $route" "c $route"); ad=$(ratio "a $route" "d $route")
  dp99=n/a
  [ -n "${p99["a $route"]:-}" ] && [ -n "${p99["b $route"]:-}" ] &&
    dp99=$(awk -v x="${p99["a $route"]}" -v y="${p99["b $route"]}" 'BEGIN {printf "%.2f", x - y}')
  echo
  echo "$route: throughput a/b = $ab   (target >= 0.95: $(verdict "$ab" '>=' 0.95))"
  echo "$route: throughput a/c = $ac"
  echo "$route: throughput a/d = $ad   (target >= 1.00: $(verdict "$ad" '>=' 1.0))"
  echo "$route: p99 a - b      = $dp99 ms   (target <= 1 ms: $(verdict "$dp99" '<=' 1))"
done

#!/usr/bin/env bash
# Soak benchmark (issue 9): does the api-server's heap grow under steady traffic? On demand only, never in CI.
# Builds nothing; see usage. Loopback only; the server is stopped on exit.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/bench-soak.sh [--minutes M] [--interval S] [--rate R] [--help]

Starts api-server.jar (everything on: metrics, profiler, auth, rate limiter; `default` limit raised as in
bench-load.sh) on 127.0.0.1, pinned to CPU 0, and for M minutes (default 10) drives, from CPU 1:
  GET /auth/status with the admin token and GET /health/live at R req/s in total (hey -q, default 1000),
  GET /soak/<n> with a new path every request (~100 req/s, wrk + Lua pacing): unmatched routes, which must not
  grow the metrics (they collapse into endpoint="unmatched") nor anything else.
Every S seconds (default 30) it forces a full GC (jcmd GC.run) and records heap used after it (jcmd GC.heap_info),
VmRSS and the number of /metrics samples. Verdict: heap after GC, median of the last third of the samples against
the median of the first third (the first sample, JIT and class loading, left out): growth under 10 % or 5 MB passes.

Build first (from the repository root):
  mvn -B -ntp -q -pl api-server,benchmarks -am package -DskipTests
Environment: SERVER_JAVA_OPTS (default "-Xms64m -Xmx128m -XX:+UseSerialGC"), API_JAR.
Needs: java + jcmd (Debian package openjdk-17-jdk-headless), wrk (wrk), hey (hey), taskset (util-linux), curl (curl).
EOF
}

root=$(cd "$(dirname "$0")/.." && pwd)
minutes=10
interval=30
rate=1000
while [ $# -gt 0 ]; do
  case "$1" in
    --help|-h) usage; exit 0 ;;
    --minutes) minutes=$2; shift 2 ;;
    --interval) interval=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

api_jar=${API_JAR:-$root/api-server/target/api-server.jar}
java_opts=${SERVER_JAVA_OPTS--Xms64m -Xmx128m -XX:+UseSerialGC}
# shellcheck source=scripts/bench-lib.sh
. "$root/scripts/bench-lib.sh"
require_tools java:default-jre-headless jcmd:openjdk-17-jdk-headless wrk:wrk hey:hey taskset:util-linux curl:curl
require_jars "$api_jar"

api_config "$work/soak.yaml" "$work/token"
cat >"$work/unmatched.lua" <<'EOF'
-- A new unmatched path per request, paced: each connection waits 20 ms between requests.
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/soak/" .. counter)
end
delay = function()
  return 20
end
EOF

# shellcheck disable=SC2086 # intentional word splitting of the JVM options
start_server server java $java_opts -jar "$api_jar" --host 127.0.0.1 --port 0 --config "$work/soak.yaml" || exit 1
server=$started_pid
token=$(read_token "$work/token")
base="http://127.0.0.1:$started_port"

echo "# bench-soak $(date -u +%Y-%m-%dT%H:%MZ), ${minutes} min, sample every ${interval} s, $rate req/s + ~100 unmatched/s"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg); server JVM options: ${java_opts:-(none)}"

per_worker=$((rate / 8))
"${pin_load[@]}" hey -z "${minutes}m" -c 4 -q "$per_worker" -H "Authorization: Bearer $token" "$base/auth/status" \
  >"$work/hey-auth.txt" &
pids+=("$!")
"${pin_load[@]}" hey -z "${minutes}m" -c 4 -q "$per_worker" "$base/health/live" >"$work/hey-live.txt" &
pids+=("$!")
"${pin_load[@]}" wrk -t1 -c2 -d"${minutes}m" -s "$work/unmatched.lua" "$base/" >"$work/wrk-unmatched.txt" &
pids+=("$!")

# Heap used (kB) after a forced full GC: the sum of the generations' (or G1 heap's) "used" figures.
heap_after_gc() {
  jcmd "$server" GC.run >/dev/null
  jcmd "$server" GC.heap_info | awk '/generation|garbage-first heap|Shenandoah|ZHeap/ {
      for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); sum += v } }
    END { print sum + 0 }'
}

printf '\n%8s %14s %8s %16s\n' 'time s' 'heap/GC MB' 'RSS MB' '/metrics samples'
start=$(date +%s)
end=$((start + minutes * 60))
: >"$work/heap.txt"
while :; do
  now=$(date +%s)
  [ "$now" -lt "$end" ] || break
  sleep "$(( interval < end - now ? interval : end - now ))"
  kill -0 "$server" 2>/dev/null || { echo "server died: $(tail -5 "$work/server.err")" >&2; exit 1; }
  heap=$(heap_after_gc)
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$server/status")
  samples=$(curl -s "$base/metrics" | grep -vc '^#' || true)
  echo "$heap" >>"$work/heap.txt"
  awk -v t="$(( $(date +%s) - start ))" -v h="$heap" -v r="$rss" -v n="$samples" \
    'BEGIN {printf "%8d %14.1f %8.0f %16s\n", t, h / 1024, r / 1024, n}'
done
sleep 2

echo
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# traffic: $(awk '/Requests\/sec:/ {printf "/auth/status %.0f req/s", $2}' "$work/hey-auth.txt" || true)," \
  "$(awk '/Requests\/sec:/ {printf "/health/live %.0f req/s", $2}' "$work/hey-live.txt" || true)," \
  "$(awk '/requests in/ {printf "%s unmatched requests", $1}' "$work/wrk-unmatched.txt" || true)"
awk '{ v[NR] = $1 }
  function median(from, to,   n, i, j, t, a) {
    n = 0; for (i = from; i <= to; i++) a[++n] = v[i]
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  END {
    if (NR < 4) { print "too few samples for a verdict (need 4; lengthen --minutes or shorten --interval)"; exit }
    third = int((NR - 1) / 3); if (third < 1) third = 1
    first = median(2, 1 + third); last = median(NR - third + 1, NR)
    growth = last - first
    printf "heap after GC: first third %.1f MB, last third %.1f MB, growth %.1f MB (%.1f %%): %s\n",
      first / 1024, last / 1024, growth / 1024, 100 * growth / first,
      (growth < 5 * 1024 || growth < 0.10 * first) ? "no growth (MET)" : "GROWTH (MISSED)" }' "$work/heap.txt"

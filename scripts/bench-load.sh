#!/usr/bin/env bash
# Load benchmark (issue 9): instrumentation overhead of the api-server, side by side in one run.
# Builds nothing; see usage. Loopback only; every server it starts is stopped on exit.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/bench-load.sh [--duration S] [--rounds N] [--rate R] [--connections N] [--servers "a b c d"]
                            [--pairs "a/b a/d a/c"] [--pairs-only] [--warmup S] [--help]

Starts on 127.0.0.1 (free ports), all pinned to CPU 0, while the load generator runs on CPU 1:
  (a) api-server.jar, everything on: request metrics, profiler, auth and rate limiter (on /auth/status)
  (b) api-server.jar with `instrumentation: {enabled: false}` (no per-request metrics, no profiling)
  (c) a bare Vert.x Web server answering the same routes with the same bodies (benchmarks.jar)
  (d) Vert.x Web + vertx-micrometer-metrics + Micrometer Prometheus registry (benchmarks.jar)
On request only (--servers): (a2) a second, identical (a), for an a/a control of the head-to-head method
(--servers "a a2" --pairs a/a2); (p) (a) with `profiler: {enabled: false}`: request metrics without profiling;
(k) (a) with `profiler: {capacity: 1}`: what keeping 1000 recent profiles costs; (s) (a) with `profiler:
{sampleRate: 0.1}`: what profiling one request in ten costs; (o) (a) from OLD_API_JAR, an older
build, for before/after (run both orders: --servers "a o" --pairs "a/o o/a").
All four stay up (an idle server costs nothing) so the runs interleave: after --warmup seconds (default 4) of wrk per
server and route to warm the JIT, N rounds (default 3) of a, b, c, d at saturation (wrk -t1 -cN -dS), then N rounds at
a fixed rate (hey -z S -c 8 -q R/8) for latency p50/p99; each figure is the median over the rounds, so a burst of
other work on the machine hits one round of one server, not a whole column. Then N head-to-head rounds per pair
(default a/b, a/d, a/c): both servers of the pair on CPU 0 at the same time, each saturated by its own wrk on CPU 1,
so that the machine's speed changes for both alike; the ratio of their throughputs is the steadiest figure on a shared
machine (an a/a control, --servers "a a2" --pairs a/a2, stays within 2.5 % of 1). Also: peak RSS of each server during
load (VmRSS, every 0.5 s) and /metrics time as a scraper sees it (hey on one keep-alive connection: p50/p99 of 100
scrapes after 100 unmeasured, after traffic on 20 (method, endpoint) pairs); and the server's own CPU time per request
(/proc/PID/stat), which other work on the machine barely affects. Prints a table, the head-to-head ratios (issue 9
targets a/b >= 0.95, a/d >= 1; each also per CPU second the servers used in those rounds, which does not depend on how
the scheduler shared the core), then per route the ratios a/b, a/c, a/d, b/c and d/c of the sequential runs, from
throughput and from CPU per request.

Routes, both trivial handlers; c and d serve the exact bodies fetched from the api-server:
  /health/live   public: request metrics and profiler only, so a vs c/d compares instrumentation alone;
  /auth/status   admin bearer token: auth and the rate limiter run too (no public route is rate-limited; its group
                 `default` is raised to 1,000,000/min in the bench config so no 429 occurs). c/d skip the auth.

Build first (from the repository root):
  mvn -B -ntp -q -pl api-server,benchmarks -am package -DskipTests

Options:
  --duration S      seconds of each measured run (default 4)
  --rounds N        interleaved rounds per measurement (default 3)
  --rate R          total requests/s of the fixed-rate latency runs (default 2000)
  --connections N   wrk connections at saturation (default 32)
  --servers LIST    which servers to run (default "a b c d")
  --pairs LIST      head-to-head pairs X/Y, X's throughput over Y's (default "a/b a/d a/c"; "" for none)
  --warmup S        seconds of wrk per server and route before anything is measured (default 4; with
                    --pairs-only use ~15: nothing else warms the JIT then)
  --pairs-only      only the warm-up and the head-to-head rounds (and peak RSS): no sequential or fixed-rate runs,
                    no /metrics timing; ~1.5 min for two servers with --warmup 15, so that several runs (each new
                    JVMs, whose compilation moves the ratio by a few %) fit: judge a change by the median over runs
Environment: SERVER_JAVA_OPTS (default "-Xms64m -Xmx128m -XX:+UseSerialGC"), API_JAR, BENCH_JAR, OLD_API_JAR
(server o only; e.g. git worktree add /tmp/old REV && (cd /tmp/old && mvn -B -ntp -q -pl api-server -am package
-DskipTests), then OLD_API_JAR=/tmp/old/api-server/target/api-server.jar).
Needs: java, wrk (Debian package wrk), hey (hey), taskset (util-linux), curl (curl).
EOF
}

root=$(cd "$(dirname "$0")/.." && pwd)
duration=4
rounds=3
rate=2000
connections=32
servers="a b c d"
pairs="a/b a/d a/c"
sequential=1
warmup=4
while [ $# -gt 0 ]; do
  case "$1" in
    --help|-h) usage; exit 0 ;;
    --duration) duration=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --servers) servers=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    --pairs-only) sequential=0; shift ;;
    --warmup) warmup=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

api_jar=${API_JAR:-$root/api-server/target/api-server.jar}
bench_jar=${BENCH_JAR:-$root/benchmarks/target/benchmarks.jar}
java_opts=${SERVER_JAVA_OPTS--Xms64m -Xmx128m -XX:+UseSerialGC}
routes=(/health/live /auth/status)
latency_connections=8

# shellcheck source=scripts/bench-lib.sh
. "$root/scripts/bench-lib.sh"
require_tools java:default-jre-headless wrk:wrk hey:hey taskset:util-linux curl:curl
require_jars "$api_jar" "$bench_jar"
for name in $servers; do
  case "$name" in a|a2|p|k|s|o|b|c|d) ;; *) echo "unknown server '$name' (a, a2, p, k, s, o, b, c or d)" >&2; exit 2 ;; esac
  if [ "$name" = o ]; then
    [ -n "${OLD_API_JAR:-}" ] || { echo "server o needs OLD_API_JAR (an older api-server.jar)" >&2; exit 2; }
    require_jars "$OLD_API_JAR"
  fi
done

declare -A pid_of port_of token_of rss_file rps rps_rounds non2xx p50 p99 p99_rounds fixed_rps rss render cpu_sat cpu_fixed

# start NAME CMD...: starts a server (bench-lib's start_server) and records its pid and port under NAME.
start() {
  start_server "$@" || return 1
  pid_of[$1]=$started_pid
  port_of[$1]=$started_port
}

# Peak VmRSS (kB) of PID, sampled every 0.5 s into FILE until the sampler is killed.
sample_rss() {
  local pid=$1 file=$2 peak=0 kb
  while kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) && [ -n "$kb" ]; do
    if [ "$kb" -gt "$peak" ]; then
      peak=$kb
      echo "$peak" >"$file"
    fi
    sleep 0.5
  done
}

# Traffic on 20 of the api-server's (method, endpoint) pairs; unsafe admin actions are sent without a token (401).
twenty_routes() {
  local base=$1 auth=$2 path
  for _ in 1 2 3; do
    for path in /health /health/quick /health/live /health/ready /metrics /auth/status /scene /scene/history \
      /scenes /scene/dump /alerts /debug/profile /debug/profile/summary /no/such/route; do
      curl -s -o /dev/null -H "$auth" "$base$path" || true
    done
    curl -s -o /dev/null -H "$auth" -H 'Content-Type: application/json' -d '{"scene_path":"res://main.tscn"}' "$base/scene"
    curl -s -o /dev/null -X PUT -H "$auth" -H 'Content-Type: application/json' -d '{"scene_path":"res://main.tscn"}' "$base/scene"
    curl -s -o /dev/null -H "$auth" -H 'Content-Type: application/json' -d '{}' "$base/scene/reload"
    curl -s -o /dev/null -H "$auth" -H 'Content-Type: application/json' -d '{"role":"nobody"}' "$base/auth/token"
    curl -s -o /dev/null -H 'Content-Type: application/json' -d '{}' "$base/auth/rotate"
    curl -s -o /dev/null -H 'Content-Type: application/json' -d '{}' "$base/auth/revoke"
  done
}

# /metrics time as a scraper sees it: one keep-alive connection, as Prometheus keeps (hey -c 1), 100 scrapes after
# 100 unmeasured ones (JIT); prints "p50/p99" in ms, then the body's size and sample count.
metrics_render() {
  local url=$1
  "${pin_load[@]}" hey -n 100 -c 1 "$url" >/dev/null
  "${pin_load[@]}" hey -n 100 -c 1 "$url" >"$work/metrics-hey.txt"
  curl -s "$url" >"$work/metrics.txt"
  echo "$(awk '/ 50% in / {p50 = $3 * 1000} / 99% in / {p99 = $3 * 1000} END {printf "%.1f/%.1f", p50, p99}' \
    "$work/metrics-hey.txt")" "$(wc -c <"$work/metrics.txt")" "$(grep -vc '^#' "$work/metrics.txt")"
}

# Sets the array auth to the header options NAME needs on ROUTE.
auth_for() {
  auth=()
  if [ -n "${token_of[$1]:-}" ] && [ "$2" != /health/live ]; then
    auth=(-H "Authorization: Bearer ${token_of[$1]}")
  fi
}

# Output file of one run: NAME, ROUTE, KIND (wrk/hey), ROUND.
out() {
  echo "$work/$1${2//\//_}.$3.$4"
}

# all NAME ROUTE KIND AWK-PROGRAM: the program's output on every round's file, one line each.
all() {
  local round
  for round in $(seq 1 "$rounds"); do
    awk "$4" "$(out "$1" "$2" "$3" "$round")"
    echo
  done
}

# CPU time (user + system, in clock ticks) PID has used so far: /proc/PID/stat fields 14 and 15.
cpu_ticks() {
  sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'
}

median() { # numbers on stdin
  sort -n | awk '{a[NR]=$1} END {if (NR == 0) exit; printf "%s", NR % 2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}

echo "# bench-load $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -1))," \
  "$(java -version 2>&1 | head -1)"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# server JVM options: ${java_opts:-(none)}; pinning: servers '${pin_server[*]:-none}', load '${pin_load[*]:-none}'"
if [ "$sequential" = 1 ]; then
  echo "# saturation: $rounds rounds of wrk -t1 -c$connections -d${duration}s per server and route (after ${warmup}s" \
    "warm-up each); fixed rate: $rounds rounds of hey -z ${duration}s -c $latency_connections" \
    "-q $((rate / latency_connections)) (= $rate req/s); medians over rounds"
else
  echo "# --pairs-only: ${warmup}s of wrk -t1 -c$connections per server and route to warm up, then the head-to-head rounds"
fi

# The api-servers first: their bodies are what c and d serve.
for name in $servers; do
  case "$name" in
    a|a2|p|k|s|o|b)
      api_config "$work/$name.yaml" "$work/token-$name"
      [ "$name" = b ] && printf 'instrumentation:\n  enabled: false\n' >>"$work/$name.yaml"
      [ "$name" = p ] && printf 'profiler:\n  enabled: false\n' >>"$work/$name.yaml"
      [ "$name" = k ] && printf 'profiler:\n  capacity: 1\n' >>"$work/$name.yaml"
      [ "$name" = s ] && printf 'profiler:\n  sampleRate: 0.1\n' >>"$work/$name.yaml"
      jar=$api_jar
      [ "$name" = o ] && jar=$OLD_API_JAR
      # shellcheck disable=SC2086 # intentional word splitting of the JVM options
      start "$name" java $java_opts -jar "$jar" --host 127.0.0.1 --port 0 --config "$work/$name.yaml" || continue
      token_of[$name]=$(read_token "$work/token-$name")
      for route in "${routes[@]}"; do
        [ -s "$work/body${route//\//_}" ] || curl -s -H "Authorization: Bearer ${token_of[$name]}" \
          "http://127.0.0.1:${port_of[$name]}$route" >"$work/body${route//\//_}"
      done
      twenty_routes "http://127.0.0.1:${port_of[$name]}" "Authorization: Bearer ${token_of[$name]}"
      ;;
  esac
done
for name in $servers; do
  case "$name" in
    c|d)
      route_args=()
      for route in "${routes[@]}"; do
        # Without an api-server in this run, a stand-in body.
        [ -s "$work/body${route//\//_}" ] || printf '{"status":"alive"}' >"$work/body${route//\//_}"
        route_args+=(--route "$route=$work/body${route//\//_}")
      done
      main=BareVertxServer
      [ "$name" = d ] && main=MicrometerVertxServer
      # shellcheck disable=SC2086
      start "$name" java $java_opts -cp "$bench_jar" "dev.spacetime.benchmarks.load.$main" --port 0 \
        "${route_args[@]}" || continue
      ;;
  esac
done
running=()
for name in $servers; do
  [ -n "${pid_of[$name]:-}" ] && running+=("$name")
done
[ ${#running[@]} -gt 0 ] || { echo "no server started" >&2; exit 1; }

samplers=()
for name in "${running[@]}"; do
  rss_file[$name]="$work/$name.rss"
  echo 0 >"${rss_file[$name]}"
  sample_rss "${pid_of[$name]}" "${rss_file[$name]}" &
  samplers+=("$!")
  pids+=("$!")
done

for name in "${running[@]}"; do
  for route in "${routes[@]}"; do
    auth_for "$name" "$route"
    "${pin_load[@]}" wrk -t1 -c"$connections" -d"${warmup}s" "${auth[@]}" \
      "http://127.0.0.1:${port_of[$name]}$route" >/dev/null
  done
done
# run_rounds KIND: every round of every server and route, wrk at saturation or hey at the fixed rate, recording
# the server's CPU time around each run.
run_rounds() {
  local kind=$1 round name route before url
  for round in $(seq 1 "$rounds"); do
    for name in "${running[@]}"; do
      for route in "${routes[@]}"; do
        auth_for "$name" "$route"
        url="http://127.0.0.1:${port_of[$name]}$route"
        before=$(cpu_ticks "${pid_of[$name]}")
        if [ "$kind" = wrk ]; then
          "${pin_load[@]}" wrk -t1 -c"$connections" -d"${duration}s" "${auth[@]}" "$url"
        else
          "${pin_load[@]}" hey -z "${duration}s" -c "$latency_connections" -q $((rate / latency_connections)) \
            "${auth[@]}" "$url"
        fi >"$(out "$name" "$route" "$kind" "$round")"
        echo "$(($(cpu_ticks "${pid_of[$name]}") - before))" >"$(out "$name" "$route" "$kind-cpu" "$round")"
      done
    done
  done
}
# run_pairs: head-to-head rounds. Both servers of a pair run on CPU 0 at the same time, each saturated by its own
# wrk (both on CPU 1) for the same seconds. Whatever else slows the machine slows both alike, so the ratio of their
# throughputs (the inverse ratio of their CPU cost per request) is far steadier than between runs taken one after
# the other.
run_pairs() {
  local round pair x y route side other
  local -a loads
  local -A before
  for round in $(seq 1 "$rounds"); do
    for pair in $pairs; do
      x=${pair%/*}
      y=${pair#*/}
      [ -n "${pid_of[$x]:-}" ] && [ -n "${pid_of[$y]:-}" ] || continue
      for route in "${routes[@]}"; do
        loads=()
        for side in "$x" "$y"; do
          before[$side]=$(cpu_ticks "${pid_of[$side]}")
        done
        for side in "$x" "$y"; do
          other=$([ "$side" = "$x" ] && echo "$y" || echo "$x")
          auth_for "$side" "$route"
          "${pin_load[@]}" wrk -t1 -c"$connections" -d"${duration}s" "${auth[@]}" \
            "http://127.0.0.1:${port_of[$side]}$route" >"$(out "$side" "$route" "vs-$other" "$round")" &
          loads+=("$!")
        done
        wait "${loads[@]}"
        for side in "$x" "$y"; do
          other=$([ "$side" = "$x" ] && echo "$y" || echo "$x")
          echo "$(($(cpu_ticks "${pid_of[$side]}") - ${before[$side]}))" >"$(out "$side" "$route" "vs-$other" "$round")-cpu"
        done
      done
    done
  done
}
if [ "$sequential" = 1 ]; then
  run_rounds wrk
  run_rounds hey
fi
run_pairs
for s in "${samplers[@]}"; do
  kill "$s" 2>/dev/null || true
  wait "$s" 2>/dev/null || true
done

for name in "${running[@]}"; do
  rss[$name]=$(awk '{printf "%.0f", $1 / 1024}' "${rss_file[$name]}")
done
if [ "$sequential" = 1 ]; then
  for name in "${running[@]}"; do
    [ "$name" = c ] || render[$name]=$(metrics_render "http://127.0.0.1:${port_of[$name]}/metrics")
    for route in "${routes[@]}"; do
      key="$name $route"
      rps[$key]=$(all "$name" "$route" wrk '/^Requests\/sec:/ {printf "%.0f", $2}' | median | xargs printf '%.0f')
      non2xx[$key]=$(all "$name" "$route" wrk '/Non-2xx or 3xx responses:/ {n += $5} END {printf "%d", n}' |
        awk '{n += $1} END {print n + 0}')
      p50[$key]=$(all "$name" "$route" hey '/ 50% in / {printf "%.2f", $3 * 1000}' | median | xargs printf '%.2f')
      p99[$key]=$(all "$name" "$route" hey '/ 99% in / {printf "%.2f", $3 * 1000}' | median | xargs printf '%.2f')
      fixed_rps[$key]=$(all "$name" "$route" hey '/Requests\/sec:/ {printf "%.0f", $2}' | median | xargs printf '%.0f')
      for round in $(seq 1 "$rounds"); do
        if grep -q '^  \[[^2]' "$(out "$name" "$route" hey "$round")"; then
          echo "($key) fixed-rate round $round had non-2xx responses:" \
            "$(grep '^  \[' "$(out "$name" "$route" hey "$round")" | tr -s ' ' | tr '\n' ' ')" >&2
        fi
      done
      # Server CPU per request over all rounds: robust against other work on the machine, which changes how much
      # CPU the server gets, not how much it needs per request.
      cpu_sat[$key]=$(paste <(all "$name" "$route" wrk-cpu '{print}' | grep .) \
        <(all "$name" "$route" wrk '/ requests in / {print $1}' | grep .) |
        awk -v hz="$(getconf CLK_TCK)" '{t += $1; n += $2} END {printf "%.1f", n ? t * 1e6 / hz / n : 0}')
      cpu_fixed[$key]=$(paste <(all "$name" "$route" hey-cpu '{print}' | grep .) \
        <(all "$name" "$route" hey '/^  \[2[0-9][0-9]\]/ {n += $2} END {print n + 0}' | grep .) |
        awk -v hz="$(getconf CLK_TCK)" '{t += $1; n += $2} END {printf "%.1f", n ? t * 1e6 / hz / n : 0}')
      rps_rounds[$key]=$(all "$name" "$route" wrk '/^Requests\/sec:/ {printf "%.0f", $2}' | paste -sd/)
      p99_rounds[$key]=$(all "$name" "$route" hey '/ 99% in / {printf "%.1f", $3 * 1000}' | paste -sd/)
    done
  done
fi

echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$sequential" = 1 ]; then
  printf '\n%-4s %-13s %9s %-20s %7s %8s %7s %7s %-16s %9s %9s\n' server route 'req/s' '(rounds)' non-2xx \
    'CPU us/r' 'p50 ms' 'p99 ms' '(rounds)' 'fixed r/s' 'CPU us/r'
  for name in $servers; do
    for route in "${routes[@]}"; do
      key="$name $route"
      [ -n "${rps[$key]:-}" ] || { printf '%-4s %-13s (not run)\n' "$name" "$route"; continue; }
      printf '%-4s %-13s %9s %-20s %7s %8s %7s %7s %-16s %9s %9s\n' "$name" "$route" "${rps[$key]}" \
        "(${rps_rounds[$key]})" "${non2xx[$key]}" "${cpu_sat[$key]}" "${p50[$key]}" "${p99[$key]}" \
        "(${p99_rounds[$key]})" "${fixed_rps[$key]}" "${cpu_fixed[$key]}"
    done
  done
fi
printf '\n%-4s %12s %26s\n' server 'peak RSS MB' '/metrics ms p50/p99'
for name in "${running[@]}"; do
  read -r ms bytes samples <<<"${render[$name]:-- - -}"
  printf '%-4s %12s %26s\n' "$name" "${rss[$name]}" "$ms$([ "$ms" = - ] || echo " ($samples samples, $bytes B)")"
done

# ratio ARRAY KEY1 KEY2 [inverse]: ARRAY[KEY1] / ARRAY[KEY2] (inverse: KEY2 / KEY1, for costs), or n/a.
ratio() {
  local -n values=$1
  if [ -n "${values[$2]:-}" ] && [ -n "${values[$3]:-}" ]; then
    awk -v x="${values[$2]}" -v y="${values[$3]}" -v inv="${4:-}" 'BEGIN {printf "%.3f", inv ? y / x : x / y}'
  else
    echo n/a
  fi
}
verdict() { # VALUE OP LIMIT
  [ "$1" = n/a ] && { echo "n/a"; return; }
  awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {ok = op == ">=" ? v >= l : v <= l; print ok ? "MET" : "MISSED"}'
}
# head_to_head X Y ROUTE [cpu]: "median (round/round/...)" of X's over Y's throughput in the head-to-head rounds, or
# n/a. With cpu: of their requests per CPU second each used in those rounds, i.e. what each would do with the core
# to itself; unlike the throughput ratio it does not depend on how the scheduler shared the core (a JIT or GC
# thread of one server takes CPU time from both servers' event loops).
head_to_head() {
  local round r x y
  local -a each=()
  for round in $(seq 1 "$rounds"); do
    x=$(out "$1" "$3" "vs-$2" "$round")
    y=$(out "$2" "$3" "vs-$1" "$round")
    [ -s "$x" ] && { [ -z "${4:-}" ] || [ -s "$x-cpu" ]; } || { echo n/a; return; }
    if [ -n "${4:-}" ]; then
      r=$(echo "$(awk '/ requests in / {print $1}' "$x") $(cat "$x-cpu") $(awk '/ requests in / {print $1}' "$y")" \
        "$(cat "$y-cpu")" | awk '{printf "%.3f", ($2 && $4) ? ($1 / $2) / ($3 / $4) : 0}')
    else
      r=$(paste <(awk '/^Requests\/sec:/ {print $2}' "$x") <(awk '/^Requests\/sec:/ {print $2}' "$y") |
        awk '{printf "%.3f", $1 / $2}')
    fi
    each+=("$r")
  done
  echo "$(printf '%s\n' "${each[@]}" | median | xargs printf '%.3f') ($(IFS=/; echo "${each[*]}"))"
}

echo
echo "Head-to-head (pairs on CPU 0 at once, $rounds rounds of ${duration}s; median (rounds)); the figures to judge by:"
for route in "${routes[@]}"; do
  for pair in $pairs; do
    h=$(head_to_head "${pair%/*}" "${pair#*/}" "$route")
    target=
    case "$pair" in
      a/b) target="   (target >= 0.95: $(verdict "${h%% *}" '>=' 0.95))" ;;
      a/d) if [ "$route" = /health/live ]; then
             target="   (target >= 1.00: $(verdict "${h%% *}" '>=' 1.0))"
           else
             target="   (d does no auth here: not the same work)"
           fi ;;
    esac
    printf '%-13s %s = %s%s\n' "$route" "$pair" "$h" "$target"
    printf '%-13s %s = %s   (per CPU second)\n' "$route" "$pair" "$(head_to_head "${pair%/*}" "${pair#*/}" "$route" cpu)"
  done
done

[ "$sequential" = 1 ] || exit 0
echo
echo "Sequential runs (one server at a time; noisier):"
for route in "${routes[@]}"; do
  ab=$(ratio rps "a $route" "b $route"); ac=$(ratio rps "a $route" "c $route"); ad=$(ratio rps "a $route" "d $route")
  dp99=n/a
  [ -n "${p99["a $route"]:-}" ] && [ -n "${p99["b $route"]:-}" ] &&
    dp99=$(awk -v x="${p99["a $route"]}" -v y="${p99["b $route"]}" 'BEGIN {printf "%.2f", x - y}')
  echo
  echo "$route: throughput a/b = $ab   (target >= 0.95: $(verdict "$ab" '>=' 0.95))"
  echo "$route: throughput a/c = $ac"
  echo "$route: throughput a/d = $ad   (target >= 1.00: $(verdict "$ad" '>=' 1.0))"
  echo "$route: throughput b/c = $(ratio rps "b $route" "c $route")   (the api-server without instrumentation vs bare)"
  echo "$route: throughput d/c = $(ratio rps "d $route" "c $route")   (Micrometer's instrumentation vs bare; compare a/b)"
  echo "$route: p99 a - b      = $dp99 ms   (target <= 1 ms: $(verdict "$dp99" '<=' 1))"
  echo "$route: CPU-per-request throughput equivalents (less noisy): a/b = $(ratio cpu_sat "a $route" "b $route" inverse)," \
    "a/c = $(ratio cpu_sat "a $route" "c $route" inverse), a/d = $(ratio cpu_sat "a $route" "d $route" inverse)," \
    "d/c = $(ratio cpu_sat "d $route" "c $route" inverse)"
done

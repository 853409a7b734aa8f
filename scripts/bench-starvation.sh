#!/usr/bin/env bash
# Does the workload starve monitoring? Starts the api-server on loopback with a generated flat scene, fires N parallel
# validations of it (PUT /scene, admin token) and meanwhile polls /health/quick and /metrics every 0.5 s, each from
# its own loop; prints the worst latency of each route and what the validations answered. Every request is bounded
# by curl --max-time, so a starved route shows as that bound ("timeout"). Loopback only; everything started here is
# stopped on exit.
#
# usage: scripts/bench-starvation.sh [--jar FILE] [--clients N] [--nodes N] [--duration S] [--max-time S]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench-lib.sh
source scripts/bench-lib.sh

jar=api-server/target/api-server.jar
clients=20
nodes=49991
duration=60
max_time=60
while [ $# -gt 0 ]; do
  case $1 in
    --jar) jar=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --nodes) nodes=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --max-time) max_time=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
require_tools curl:curl java:openjdk-17-jre-headless
require_jars "$jar"
# The server gets every core, as in production; the clients here are curl processes that mostly wait.
pin_server=()

project=$work/project
mkdir -p "$project"
printf '[gd_scene format=3]\n\n[node name="Main" type="Node3D"]\n' >"$project/main.tscn"
awk -v n="$nodes" 'BEGIN {
  print "[gd_scene format=3]\n\n[node name=\"Root\" type=\"Node3D\"]"
  for (i = 1; i < n; i++) printf "\n[node name=\"N%d\" type=\"Node3D\" parent=\".\"]\n", i
}' >"$project/flat.tscn"
cat >"$work/api.yml" <<EOF2
tokenFile: $work/token
alertWebhookTokenFile: $work/alert_webhook_token
rateLimit:
  perMinute:
    scene: 1000000
shutdownDrainSeconds: 1
EOF2
start_server api java -jar "$jar" --port 0 --project-root "$project" --config "$work/api.yml"
base=http://127.0.0.1:$started_port
token=$(read_token "$work/token")

# probe ROUTE: one timed GET every 0.5 s until the window closes; "seconds status" per line.
probe() {
  local route=$1 end=$((SECONDS + duration)) out
  while [ $SECONDS -lt $end ]; do
    out=$(curl -s -o /dev/null --max-time "$max_time" -w '%{time_total} %{http_code}' "$base$route" || true)
    echo "$out" >>"$work/probe${route//\//_}.txt"
    sleep 0.5
  done
}

puts=()
for _ in $(seq 1 "$clients"); do
  curl -s -o /dev/null --max-time "$((duration + max_time))" -w '%{http_code} %{time_total}\n' -X PUT \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"scene_path":"res://flat.tscn"}' "$base/scene" >>"$work/puts.txt" || true &
  puts+=($!)
done
probe /health/quick &
quick=$!
probe /metrics &
metrics=$!
wait "$quick" "$metrics"
# The validations still running are abandoned here (the clients go away); curl's bound ends them.
for p in "${puts[@]}"; do
  kill "$p" 2>/dev/null || true
done
wait "${puts[@]}" 2>/dev/null || true

worst() {
  sort -n "$1" | tail -1 | awk -v max="$max_time" '{ printf "%.3f s%s", $1, ($2 == "000" || $1 >= max) ? " (timeout)" : "" }'
}
echo "jar: $jar; $clients parallel PUT /scene of a $nodes-node flat scene; ${duration}s window; nproc $(nproc)"
echo "/health/quick: $(wc -l <"$work/probe_health_quick.txt") probes, worst $(worst "$work/probe_health_quick.txt")"
echo "/metrics:      $(wc -l <"$work/probe_metrics.txt") probes, worst $(worst "$work/probe_metrics.txt")"
touch "$work/puts.txt"
echo "PUT /scene answered within the window: $(awk '{ print $1 }' "$work/puts.txt" | sort | uniq -c |
  awk '{ printf "%s×%s ", $1, $2 }'); no answer yet: $((clients - $(wc -l <"$work/puts.txt")))"

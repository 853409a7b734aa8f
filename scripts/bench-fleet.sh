#!/usr/bin/env bash
# How the monitoring's cost grows with the fleet: one api-server scraped under N instance labels (relabelling
# simulates N instances), Debian's Prometheus with the generated rule files. For each N: series per instance, rule
# evaluation time (prometheus_rule_group_last_duration_seconds, summed over groups), the dashboard's panel queries
# (range queries over the run, median of --reps), and raw expressions against their recording rules. Loopback only;
# not part of CI. Results go to docs/benchmarks.md by hand.
#
# Usage: scripts/bench-fleet.sh [--sizes "1 10 100"] [--seconds 60] [--reps 5] [--interval 5]
set -euo pipefail
sizes="1 10 100"
seconds=60
reps=5
interval=5
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift ;;
    --seconds) seconds="$2"; shift ;;
    --reps) reps="$2"; shift ;;
    --interval) interval="$2"; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--sizes \"1 10 100\"] [--seconds S] [--reps R] [--interval S]" >&2; exit 2 ;;
  esac
  shift
done
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/bench-lib.sh"
require_tools prometheus:prometheus curl:curl jq:jq python3:python3
require_jars "$root/api-server/target/api-server.jar"
rules="$root/monitoring/prometheus"
dashboard="$root/monitoring/grafana/dashboards/http_api_overview.json"

api_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
prom_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -jar "$root/api-server/target/api-server.jar" --port "$api_port" --token-file "$work/token" \
  --alert-webhook-token-file "$work/webhook" --state-dir "$work/state" >"$work/api.log" 2>&1 &
pids+=("$!")
until curl -sf "http://127.0.0.1:$api_port/health/live" >/dev/null; do sleep 0.5; done
# Some traffic of every status, so rates and quantiles have data.
( while :; do
    for _ in 1 2 3 4 5; do curl -s -o /dev/null "http://127.0.0.1:$api_port/health/quick"; done
    curl -s -o /dev/null "http://127.0.0.1:$api_port/no/such/route"
    curl -s -o /dev/null -H 'Authorization: Bearer nope' "http://127.0.0.1:$api_port/auth/status"
    sleep 0.2
  done ) &
pids+=("$!")

q() { # url-encoded instant or range query; prints the seconds it took
  curl -s -o /dev/null -w '%{time_total}\n' --data-urlencode "query=$2" $3 "http://127.0.0.1:$prom_port/api/v1/$1"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
value() {
  curl -s --data-urlencode "query=$1" "http://127.0.0.1:$prom_port/api/v1/query" | jq -r '.data.result[0].value[1] // "0"'
}

printf '%-5s %-11s %-12s %-13s %-12s %-12s %-11s %-11s\n' N series/inst rule_eval_ms dashboard_ms \
  raw_rate_ms rec_rate_ms raw_p95_ms rec_p95_ms
for n in $sizes; do
  dir="$work/prom-$n"
  mkdir -p "$dir"
  cp "$rules/prometheus_alerts.yml" "$rules/recording_rules.yml" "$dir/"
  {
    echo "global: {scrape_interval: ${interval}s, evaluation_interval: ${interval}s}"
    echo "rule_files: [prometheus_alerts.yml, recording_rules.yml]"
    echo "scrape_configs:"
    echo "  - job_name: spacetime_api"
    echo "    static_configs:"
    for i in $(seq 1 "$n"); do
      echo "      - {targets: ['127.0.0.1:$api_port'], labels: {sim: 'engine-$i'}}"
    done
    echo "    relabel_configs:"
    echo "      - {source_labels: [sim], target_label: instance}"
    echo "      - {action: labeldrop, regex: sim}"
    echo "  - job_name: prometheus"
    echo "    static_configs: [{targets: ['127.0.0.1:$prom_port']}]"
  } > "$dir/prometheus.yml"
  prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
    --web.listen-address="127.0.0.1:$prom_port" >"$dir/prometheus.log" 2>&1 &
  prom_pid=$!
  until curl -sf "http://127.0.0.1:$prom_port/-/ready" >/dev/null; do sleep 0.5; done
  sleep "$seconds"
  series=$(value "count({job=\"spacetime_api\"}) / count(up{job=\"spacetime_api\"})")
  eval_ms=$(value 'sum(prometheus_rule_group_last_duration_seconds) * 1000')
  end=$(date +%s)
  range="-G --data-urlencode start=$((end - seconds)) --data-urlencode end=$end --data-urlencode step=$interval"
  exprs=$(jq -r '.. | objects | select(has("expr")) | .expr' "$dashboard" \
    | sed -e 's/\$__rate_interval/1m/g' -e 's/\${endpoint}/.*/g' -e 's/\$endpoint/.*/g')
  dash=$(for _ in $(seq 1 "$reps"); do
      total=0
      while IFS= read -r e; do
        t=$(q query_range "$e" "$range"); total=$(echo "$total + $t" | bc -l)
      done <<< "$exprs"
      echo "$total"
    done | median)
  raw=$(for _ in $(seq 1 "$reps"); do q query_range 'sum by (job) (rate(http_requests_total[5m]))' "$range"; done | median)
  rec=$(for _ in $(seq 1 "$reps"); do q query_range 'job:http_requests:rate5m' "$range"; done | median)
  rawq=$(for _ in $(seq 1 "$reps"); do q query_range 'histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])))' "$range"; done | median)
  recq=$(for _ in $(seq 1 "$reps"); do q query_range 'job:http_request_duration_seconds:p95_rate5m' "$range"; done | median)
  printf '%-5s %-11.0f %-12.2f %-13.1f %-12.2f %-12.2f %-11.2f %-11.2f\n' "$n" "$series" "$eval_ms" \
    "$(echo "$dash * 1000" | bc -l)" "$(echo "$raw * 1000" | bc -l)" "$(echo "$rec * 1000" | bc -l)" \
    "$(echo "$rawq * 1000" | bc -l)" "$(echo "$recq * 1000" | bc -l)"
  kill "$prom_pid"; wait "$prom_pid" 2>/dev/null || true
done

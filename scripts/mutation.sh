#!/usr/bin/env bash
# Mutation testing with PIT (docs/mutation.md). Without arguments: the security-critical classes that CI gates on
# (api-server auth, rate limits, body limits and error rendering, webhook payload validation; scene-engine path
# policy), failing under 90 % killed. With module names: each whole module on demand, scored without a threshold.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'USAGE'
usage: scripts/mutation.sh [--exclude 'CLASS_GLOBS'] [MODULE...] [-- MAVEN_ARGS...]

  scripts/mutation.sh                         the CI gate: -Pmutation on api-server and scene-engine, >= 90 % killed
  scripts/mutation.sh profiler dashboard-gen  every class of each named module, no threshold (one run per module)
  scripts/mutation.sh all                     every module with unit tests, one after the other
  scripts/mutation.sh --exclude '*PromtoolRulesTest' alert-rules-gen
                                              leave test classes out (besides *IT): a lower bound of the score
                                              in a fraction of the time when those tests start real binaries

Reports: MODULE/target/pit-reports/index.html (and mutations.xml). Arguments after -- go to Maven (e.g. -o).
USAGE
}

# The root package of each module's classes: what an on-demand run mutates.
declare -A PACKAGE=(
  [metrics-catalog]=dev.spacetime.catalog [profiler]=dev.spacetime.profiler [scene-engine]=dev.spacetime.scene
  [api-server]=dev.spacetime.server [alert-rules-gen]=dev.spacetime.alerts [dashboard-gen]=dev.spacetime.dashboard
  [stack-gen]=dev.spacetime.stack [monitoring-client]=dev.spacetime.client
  [monitoring-settings]=dev.spacetime.settings [k8s-gen]=dev.spacetime.kubernetes
)
ALL="metrics-catalog monitoring-settings profiler scene-engine api-server alert-rules-gen dashboard-gen"
ALL+=" stack-gen k8s-gen monitoring-client"

modules=()
excluded='*IT'
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --exclude) excluded+=",$2"; shift 2 ;;
    --) shift; break ;;
    all) read -ra modules <<<"$ALL"; shift ;;
    *) if [ -z "${PACKAGE[$1]:-}" ]; then echo "unknown module: $1" >&2; usage >&2; exit 2; fi
       modules+=("$1"); shift ;;
  esac
done

if [ ${#modules[@]} -eq 0 ]; then
  exec mvn -B -ntp -Pmutation -pl api-server,scene-engine -am test "$@"
fi

for m in "${modules[@]}"; do
  pkg=${PACKAGE[$m]}
  # Upstream modules built by -am find no class of $pkg to mutate and are skipped (failWhenNoMutations=false).
  mvn -B -ntp -Pmutation -pl "$m" -am test -Dpit.skip=false -Dpit.threshold=0 \
      "-Dpit.targets=$pkg.*" "-Dpit.tests=$pkg.*" "-Dpit.excludedTests=$excluded" "$@"
  report="$m/target/pit-reports/mutations.xml"
  total=$(grep -c '<mutation ' "$report" || true)
  killed=$(grep -c "detected='true'" "$report" || true)
  echo "mutation score $m: $killed of $total killed" \
       "($(awk -v k="$killed" -v t="$total" 'BEGIN { printf "%.1f", t ? 100 * k / t : 0 }') %)"
done

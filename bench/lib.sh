# Shared by the benchmarks. Sourced.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
BENCH_OUT="$GANTRY_TOP/bench/results"
mkdir -p "$BENCH_OUT"

# Milliseconds one command takes (wall clock).
bench_ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}

# Median of numbers on stdin.
bench_median() {
  python3 -c 'import sys,statistics; v=[float(x) for x in sys.stdin.read().split()]; print(statistics.median(v))'
}

bench_ratio() {
  python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$1" "$2"
}

# Starts Gantry on a scratch root; sets BENCH_GANTRY_PID and BENCH_GANTRY_SOCK. Extra args go to java.
bench_start_gantry() {
  local scratch=$1; shift
  local java; java=$(gantry_find_jdk)/bin/java
  "$java" "${GANTRY_JVM_FLAGS[@]}" "$@" -Dgantry.socket="$scratch/gantry.sock" \
    -Dgantry.data-root="$scratch/data" -Dgantry.run-root="$scratch/run" -jar "$GANTRY_JAR" > "$scratch/server.log" 2>&1 &
  BENCH_GANTRY_PID=$!
  BENCH_GANTRY_SOCK="$scratch/gantry.sock"
  for _ in $(seq 1 1000); do
    curl -s --unix-socket "$BENCH_GANTRY_SOCK" http://d/_ping >/dev/null 2>&1 && return 0
    sleep 0.005
  done
  echo "gantry did not start: $(cat "$scratch/server.log")" >&2
  return 1
}

bench_stop_gantry() {
  kill -TERM "$BENCH_GANTRY_PID" 2>/dev/null && wait "$BENCH_GANTRY_PID" 2>/dev/null || true
}

# One comparison for bench/all's table: bench, what, Gantry, dockerd, ratio. Appended to $BENCH_RATIOS
# (bench/all sets it; a bench run alone writes to bench/results/ratios.tsv).
bench_ratio_row() {
  printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "${BENCH_RATIOS:-$BENCH_OUT/ratios.tsv}"
}

# The same contents on an engine, for the read benches: busybox loaded and tagged 50 times (bench:t1..50),
# 50 created containers (bench-c1..50), 20 networks (bench-n1..20), 50 volumes (bench-v1..50).
bench_fill_engine() {
  local host=$1 tar=$2 i
  DOCKER_HOST=$host docker load -i "$tar" >/dev/null
  for i in $(seq 1 50); do
    DOCKER_HOST=$host docker tag busybox:latest "bench:t$i"
    DOCKER_HOST=$host docker create --name "bench-c$i" busybox true >/dev/null
    DOCKER_HOST=$host docker volume create "bench-v$i" >/dev/null
  done
  for i in $(seq 1 20); do DOCKER_HOST=$host docker network create "bench-n$i" >/dev/null; done
}

# Removes every container, then the bench networks and volumes, from an engine (quietly: cleanup paths).
bench_clear_engine() {
  local host=$1
  DOCKER_HOST=$host docker ps -aq 2>/dev/null | xargs -r env DOCKER_HOST="$host" docker rm -f >/dev/null 2>&1 || true
  DOCKER_HOST=$host docker network ls -q --filter name=bench- 2>/dev/null \
    | xargs -r env DOCKER_HOST="$host" docker network rm >/dev/null 2>&1 || true
  DOCKER_HOST=$host docker volume ls -q --filter name=bench- 2>/dev/null \
    | xargs -r env DOCKER_HOST="$host" docker volume rm >/dev/null 2>&1 || true
}

# Resident set of processes, in MB: rss (sum of VmRSS) and pss (sum of proportional sets: shared pages counted
# once across the processes). Prints "rss pss".
bench_mem_mb() {
  local rss=0 pss=0 p v
  for p in "$@"; do
    v=$(awk '/^VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0); rss=$((rss + ${v:-0}))
    v=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0); pss=$((pss + ${v:-0}))
  done
  echo "$((rss / 1024)) $((pss / 1024))"
}

# Spread of numbers on stdin: "median min max".
bench_spread() {
  python3 -c 'import sys,statistics; v=[float(x) for x in sys.stdin.read().split()]; print(f"{statistics.median(v):.0f} {min(v):.0f} {max(v):.0f}")'
}

# The JVM refuses an AOT cache made for another build of the jar (and starts without it, only logging so):
# retrain it when it is missing or older than the build.
bench_fresh_aot() {
  if [ ! -f "$GANTRY_AOT" ] || [ -n "$(find "$GANTRY_TOP/rest/target/quarkus-app" -newer "$GANTRY_AOT" -name '*.jar' | head -1)" ]; then
    "$GANTRY_TOP/native/build-aot-cache"
  fi
}

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

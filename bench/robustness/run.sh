#!/usr/bin/env bash
# Hostile input against the real launcher with a 256 MB heap: 20 MB of indicators, 200 MB of over-long lines
# with a few indicators between them, and a 2 GB file with no newline at all, through every command that reads
# -f FILE (and standard input). Prints, for
# each, the exit code, the wall time, the peak resident memory (RSS) and the last line on standard error.
# The files are generated in a temporary folder (ROBUST_DIR, default /tmp) and deleted at the end.
# Usage: bench/robustness/run.sh            (needs the built jar: ./infrapivot builds it on first use)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ip="$repo/infrapivot"
"$ip" --version >/dev/null   # builds the jar when needed (with the user's Maven cache), outside the measurements
work="$(mktemp -d "${ROBUST_DIR:-/tmp}/infrapivot-robustness.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" INFRAPIVOT_DATA_DIR="$work/home/data" INFRAPIVOT_CONFIG="$work/home/config.toml"
export INFRAPIVOT_JAVA_OPTS="-Xmx256m" INFRAPIVOT_NO_BUILD=1
mkdir -p "$HOME"

echo "generating files in $work …" >&2
# 200 MB in 2,000 lines of 100 KB (over the line limit: each reported or counted, none kept), with a few
# indicators between them that are processed
python3 - "$work/long-200m.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    junk = "x" * (100 * 1024)
    for i in range(2000):
        f.write(junk + "\n")
        if i % 500 == 0:
            f.write("john%d@mail.evil.test\n" % i)
PY
# 20 MB of host names, one a line (about 900,000 lines: the size that took 388 MB before)
python3 - "$work/names-20m.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    size, i = 0, 0
    while size < 20 * 1024 * 1024:
        line = "host%d.example%d.test\n" % (i, i % 1000)
        f.write(line); size += len(line); i += 1
PY
# 2 GB without a newline
head -c $((2 * 1024 * 1024 * 1024)) /dev/zero | tr '\0' 'a' > "$work/noline-2g.txt"

# peak RSS: GNU time when installed, else the highest VmRSS seen every 50 ms
run() { # label, command words...
  local label="$1"; shift
  local err="$work/err.txt" t0 t1 rc peak
  t0=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    set +e
    /usr/bin/time -o "$work/time.txt" -f "%M" "$@" >/dev/null 2>"$err"
    rc=$?
    set -e
    peak=$(tail -n1 "$work/time.txt")
  else
    "$@" >/dev/null 2>"$err" &
    local pid=$! hwm=0 v
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
      sleep 0.05
    done
    set +e; wait "$pid"; rc=$?; set -e
    peak=$hwm
  fi
  t1=$(date +%s.%N)
  printf '%-44s exit %3s  %7.1f s  %5d MB RSS  %s\n' "$label" "$rc" "$(awk "BEGIN { print $t1 - $t0 }")" \
    $((peak / 1024)) "$(grep -v '^\s*$' "$err" | tail -n1 | cut -c1-90)"
}

echo "each with -Xmx256m:"
run "parse -f names-20m (900k indicators)" "$ip" parse -f "$work/names-20m.txt"
run "pivot -f names-20m (over the seed limit)" "$ip" pivot --offline -f "$work/names-20m.txt"
run "parse -f long-200m" "$ip" parse -f "$work/long-200m.txt"
run "lookup --offline -f long-200m" "$ip" lookup --offline --sources classify -f "$work/long-200m.txt"
run "pivot --offline -f long-200m" "$ip" pivot --offline --depth 0 -f "$work/long-200m.txt"
run "resolve -f long-200m (no resolver answers)" "$ip" resolve --resolver 127.0.0.1:9 --timeout 100ms --tries 1 -f "$work/long-200m.txt"
run "parse -f noline-2g" "$ip" parse -f "$work/noline-2g.txt"
run "lookup --offline -f noline-2g" "$ip" lookup --offline --sources classify -f "$work/noline-2g.txt"
run "pivot -f noline-2g" "$ip" pivot --offline -f "$work/noline-2g.txt"
run "resolve -f noline-2g" "$ip" resolve --resolver 127.0.0.1:9 -f "$work/noline-2g.txt"
run "cat noline-2g | lookup --offline" bash -c "cat '$work/noline-2g.txt' | '$ip' lookup --offline --sources classify"

#!/usr/bin/env bash
# Hostile input against the real launcher with a 256 MB heap: 20 MB of indicators, 200 MB of over-long lines
# with a few indicators between them, and a 2 GB file with no newline at all, through every command that reads
# -f FILE (and standard input); then the other hostile cases of issue 12 against stand-ins on loopback
# (bench/robustness/standins.py): stray DNS packets, a service echoing credentials, a huge Retry-After, a bad byte,
# overflowing durations, negative budgets, deleting what is not a case, a closed pipe. Prints, for each, the exit
# code, the wall time, the peak resident memory (RSS), whether it held, and the last line on standard error.
# The files are generated in a temporary folder (ROBUST_DIR, default /tmp) and deleted at the end.
# Usage: bench/robustness/run.sh [all|files|cases]   (default all; needs the built jar: ./infrapivot builds it)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ip="$repo/infrapivot"
"$ip" --version >/dev/null   # builds the jar when needed (with the user's Maven cache), outside the measurements
work="$(mktemp -d "${ROBUST_DIR:-/tmp}/infrapivot-robustness.XXXXXX")"
what="${1:-all}"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
export HOME="$work/home" INFRAPIVOT_DATA_DIR="$work/home/data" INFRAPIVOT_CONFIG="$work/home/config.toml"
export INFRAPIVOT_JAVA_OPTS="-Xmx256m" INFRAPIVOT_NO_BUILD=1
mkdir -p "$HOME"

if [ "$what" != cases ]; then
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
fi

[ "$what" = files ] && exit 0
# the other hostile cases: each command's outcome checked ("held" or "NOT HELD"), stdout kept for the check
hostile() { # label, check (bash, sees $rc, $out, $err), command words...
  local label="$1" check="$2"; shift 2
  local out="$work/out.txt" err="$work/err.txt" t0 t1 rc verdict
  t0=$(date +%s.%N)
  set +e
  /usr/bin/time -o "$work/time.txt" -f "%M" "$@" >"$out" 2>"$err"
  rc=$?
  set -e
  t1=$(date +%s.%N)
  if (eval "$check") >/dev/null 2>&1; then verdict="held"; else verdict="NOT HELD"; fi
  printf '%-46s exit %3s  %7.1f s  %5d MB RSS  %-8s  %s\n' "$label" "$rc" "$(awk "BEGIN { print $t1 - $t0 }")" \
    $(($(tail -n1 "$work/time.txt" 2>/dev/null || echo 0) / 1024)) "$verdict" \
    "$(grep -v '^\s*$' "$err" | tail -n1 | cut -c1-80)"
}
[ -x /usr/bin/time ] || { echo "the hostile cases need GNU time (apt-get install time)" >&2; exit 1; }
standin() { # kind: started in the background (its pid kept for the exit trap), its port in $work/KIND.port
  python3 "$repo/bench/robustness/standins.py" "$1" "$work/$1.port" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do [ -s "$work/$1.port" ] && break; sleep 0.1; done
}
standin dns; standin http
dns=$(cat "$work/dns.port"); http=$(cat "$work/http.port")
printf 'evil.test\nbad\xffbyte.test\n198.51.100.7\n' > "$work/bad-utf8.txt"
seq 1 20000 | sed 's/^/h/; s/$/.test/' > "$work/names-20k.txt"
echo hello > "$work/notes.txt"
b64=$(printf 'analyst:s3cret-pass' | base64)
echo
echo "hostile cases (stand-ins on 127.0.0.1: DNS :$dns, HTTP :$http):"
hostile "one invalid UTF-8 byte (parse -f)" '[ $rc = 2 ] && grep -q 198.51.100.7 "$out" && grep -q ":2: not valid UTF-8" "$err"' \
  "$ip" parse -f "$work/bad-utf8.txt"
hostile "stray DNS replies first (resolve)" '[ $rc = 0 ] && grep -q "a.test A answer 192.0.2.1" "$out" && grep -q "stray packets ignored" "$err"' \
  "$ip" resolve --resolver "127.0.0.1:$dns" -t A,MX a.test b.test
hostile "stray DNS replies first (lookup --sources dns)" '[ $rc = 0 ] && grep -q "resolves-to.*192.0.2.1" "$out"' \
  "$ip" lookup --sources dns --resolver "127.0.0.1:$dns" a.test
hostile "service echoes the credentials (circl)" '! grep -q -e s3cret-pass -e "$b64" "$out" "$err" && ! grep -aq -e s3cret-pass -e "$b64" "$HOME"/data/cases/echo* && grep -q "Basic \*\*\*\*" "$out"' \
  env INFRAPIVOT_CIRCL_URL="http://127.0.0.1:$http/echo/" INFRAPIVOT_CIRCL_KEY=analyst:s3cret-pass \
  "$ip" lookup --sources circl --json --case echo a.test
hostile "Retry-After: 99999999999 (circl)" '[ $rc = 1 ] && grep -q "rate limited" "$out" && ! grep -q -e NumberFormat -e "internal error" "$out" "$err"' \
  env INFRAPIVOT_CIRCL_URL="http://127.0.0.1:$http/retry/" INFRAPIVOT_CIRCL_KEY=analyst:s3cret-pass \
  "$ip" lookup --sources circl a.test
hostile "--timeout 99999999999d" '[ $rc = 2 ] && grep -q "too long" "$err" && ! grep -q "internal error" "$err"' \
  "$ip" lookup --offline --timeout 99999999999d evil.test
hostile "--budget crtsh=-1" '[ $rc = 2 ] && grep -q "0 or more" "$err"' \
  "$ip" pivot --offline --budget crtsh=-1 evil.test
hostile "case delete of a file that is no case" '[ $rc != 0 ] && [ -f "$work/notes.txt" ]' \
  bash -c "cd '$work' && '$ip' case delete --yes notes.txt"
hostile "resolve 20,000 names | head -1" '[ "$(wc -l < "$out")" = 1 ] && awk -v s="$(awk "BEGIN { print $t1 - $t0 }")" "BEGIN { exit !(s < 10) }"' \
  bash -c "'$ip' resolve --resolver 127.0.0.1:$dns -f '$work/names-20k.txt' | head -1"

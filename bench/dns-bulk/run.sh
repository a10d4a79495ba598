#!/usr/bin/env bash
# Bulk DNS benchmark: infrapivot's bulk resolver against adnshost (Debian adns-tools) and dnsperf (Debian dnsperf, a
# C load generator sending the same questions; issue 11's yardstick: massdns needs 0.67x dnsperf's wall time),
# same zone, same run.
# Serves a synthetic zone of N names (default 200000) from NSD on loopback (rate limiting off), resolves the
# list with both, checks every answer against the zone, prints queries/s, the ratio and our peak RSS.
# Usage: bench/dns-bulk/run.sh [names] [rounds]     (needs nsd, adnshost; see .ci/deps/dns.sh)
set -euo pipefail
N=${1:-200000}
ROUNDS=${2:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/target/infrapivot-all.jar
WORK=$(mktemp -d /tmp/dns-bulk.XXXXXX)
NSD=$(command -v nsd || echo /usr/sbin/nsd)
PORT=${PORT:-53531}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
cleanup() { [ -n "${NSD_PID:-}" ] && kill "$NSD_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

[ -x "$NSD" ] || { echo "nsd missing: run . .ci/deps/dns.sh" >&2; exit 1; }
command -v adnshost >/dev/null || { echo "adnshost missing: run . .ci/deps/dns.sh" >&2; exit 1; }
# dnsperf is only this bench's peer: installed here when missing (Debian's package), not by the test suite
if ! command -v dnsperf >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends dnsperf >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y --no-install-recommends dnsperf >/dev/null; } \
    || { echo "dnsperf missing and not installable (apt-get install dnsperf)" >&2; exit 1; }
fi
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -o -q -DskipTests package)

# zone: h<i>.bench.test A 10.(i>>16).((i>>8)&255).(i&255)
awk -v n="$N" 'BEGIN {
  print "$ORIGIN bench.test.\n$TTL 3600\n@ IN SOA ns1.bench.test. hostmaster.bench.test. 1 3600 900 604800 60\n@ IN NS ns1.bench.test.\nns1 IN A 127.0.0.1";
  for (i = 0; i < n; i++) printf "h%d IN A 10.%d.%d.%d\n", i, int(i / 65536), int(i / 256) % 256, i % 256 }' > "$WORK/bench.test.zone"
awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++) printf "h%d.bench.test\n", i }' > "$WORK/names.txt"
cat > "$WORK/nsd.conf" <<CONF
server:
  ip-address: 127.0.0.1@$PORT
  ip-address: 127.0.0.2@53
  do-ip6: no
  username: ""
  chroot: ""
  zonesdir: "$WORK"
  database: ""
  zonelistfile: "$WORK/zone.list"
  xfrdfile: "$WORK/xfrd.state"
  pidfile: "$WORK/nsd.pid"
  logfile: "$WORK/nsd.log"
  server-count: 1
  rrl-ratelimit: 0
  rrl-whitelist-ratelimit: 0
  verbosity: 0
remote-control:
  control-enable: no
zone:
  name: "bench.test"
  zonefile: "bench.test.zone"
CONF
"$NSD" -d -c "$WORK/nsd.conf" > "$WORK/nsd.out" 2>&1 &
NSD_PID=$!
for _ in $(seq 100); do
  dig +short +time=1 +tries=1 @127.0.0.1 -p "$PORT" h1.bench.test A 2>/dev/null | grep -q 10.0.0.1 && break
  sleep 0.2
done
dig +short @127.0.0.2 h1.bench.test A | grep -q 10.0.0.1 || { echo "NSD did not start:"; cat "$WORK/nsd.out" "$WORK/nsd.log"; exit 1; }
split -l 200 -d -a 5 "$WORK/names.txt" "$WORK/chunk."
awk '{ print $1, "A" }' "$WORK/names.txt" > "$WORK/dnsperf.txt"

# every answer must be the zone's: 10.(i>>16).((i>>8)&255).(i&255) for h<i>
check() { # $1 file of "name address" pairs; prints the count of wrong or missing answers
  awk -v n="$N" '{ i = substr($1, 2, index($1, ".") - 2) + 0;
      want = sprintf("10.%d.%d.%d", int(i / 65536), int(i / 256) % 256, i % 256);
      if ($2 == want && !(i in seen)) { seen[i] = 1; ok++ } }
    END { print n - ok }' "$1"
}

# JDK 25+: an ahead-of-time cache (JEP 483/514) made by one training run on 20,000 names trims start-up and
# warm-up, as an installed tool would ship it; AOT=0 turns it off.
AOT_OPTS=""
if [ "${AOT:-1}" = 1 ] && "$JAVA" -XX:AOTCacheOutput="$WORK/probe.aot" -version >/dev/null 2>&1; then
  head -n 20000 "$WORK/names.txt" > "$WORK/train.txt"
  "$JAVA" -XX:+UseSerialGC -Xmx256m -XX:AOTCacheOutput="$WORK/bulk.aot" -cp "$JAR" \
    io.infrapivot.source.dns.bulk.BulkBench --server "127.0.0.1:$PORT" -f "$WORK/train.txt" -t A \
    --out "$WORK/train.out" > /dev/null 2>&1 && AOT_OPTS="-XX:AOTCache=$WORK/bulk.aot"
fi
echo "JVM: $("$JAVA" -version 2>&1 | head -1)${AOT_OPTS:+, AOT cache on}"

ours() {
  /usr/bin/time -f "%M" -o "$WORK/rss" "$JAVA" -XX:+UseSerialGC -Xmx256m $AOT_OPTS ${JAVA_OPTS:-} -cp "$JAR" io.infrapivot.source.dns.bulk.BulkBench \
    --server "127.0.0.1:$PORT" --inflight "${INFLIGHT:-1000}" -f "$WORK/names.txt" -t A --out "$WORK/ours.out" > "$WORK/ours.stats"
  awk '$3 == "answer" { print $1, $4 }' "$WORK/ours.out" > "$WORK/ours.pairs"
}
# the command itself (the session's path: engine, LookupSession.resolve, the CLI's output), same JVM options
cmd() {
  HOME="$WORK/home" INFRAPIVOT_DATA_DIR="$WORK/home/data" INFRAPIVOT_CONFIG="$WORK/home/config.toml" \
    "$JAVA" -XX:+UseSerialGC -Xmx256m $AOT_OPTS ${JAVA_OPTS:-} -cp "$JAR" io.infrapivot.app.cli.Main resolve \
    --resolver "127.0.0.1:$PORT" --in-flight "${INFLIGHT:-1000}" -f "$WORK/names.txt" > "$WORK/cmd.out" 2> "$WORK/cmd.err"
  awk '$3 == "answer" { print $1, $4 }' "$WORK/cmd.out" > "$WORK/cmd.pairs"
}
adns() {
  : > "$WORK/adns.out"
  for c in "$WORK"/chunk.*; do
    adnshost --config "nameserver 127.0.0.2" -a -Fi -t a -f < "$c" >> "$WORK/adns.out" 2>/dev/null || true
  done
  awk '$2 == "A" { print $1, $3 }' "$WORK/adns.out" > "$WORK/adns.pairs"
}
# dnsperf: every name once (-n 1), the same window as ours (-q), one thread and client (NSD has one process;
# DNSPERF_OPTS replaces "-q 1000 -c 1 -T 1");
# it checks no answer, so its completed count is reported beside the time
dnsp() {
  dnsperf -s 127.0.0.1 -p "$PORT" -d "$WORK/dnsperf.txt" -n 1 ${DNSPERF_OPTS:--q ${INFLIGHT:-1000} -c 1 -T 1} -t 5 \
    > "$WORK/dnsperf.out" 2>&1 || true
  awk '/Queries completed:/ { print $3 }' "$WORK/dnsperf.out"
}
now() { date +%s.%N; }

mkdir -p "$WORK/home"
declare -a OURS ADNS PERF TRATIO CMDS
for r in $(seq "$ROUNDS"); do
  t0=$(now); ours; t1=$(now); adns; t2=$(now); done_p=$(dnsp); t3=$(now); cmd; t4=$(now)
  c=$(awk -v a="$t3" -v b="$t4" -v n="$N" 'BEGIN { printf "%.0f", n / (b - a) }')
  bad_c=$(check "$WORK/cmd.pairs"); CMDS+=("$c")
  o=$(awk -v a="$t0" -v b="$t1" -v n="$N" 'BEGIN { printf "%.0f", n / (b - a) }')
  a=$(awk -v a="$t1" -v b="$t2" -v n="$N" 'BEGIN { printf "%.0f", n / (b - a) }')
  p=$(awk -v a="$t2" -v b="$t3" -v n="$N" 'BEGIN { printf "%.0f", n / (b - a) }')
  tr=$(awk -v o0="$t0" -v o1="$t1" -v p0="$t2" -v p1="$t3" 'BEGIN { printf "%.2f", (o1 - o0) / (p1 - p0) }')
  PERF+=("$p"); TRATIO+=("$tr")
  bad_o=$(check "$WORK/ours.pairs"); bad_a=$(check "$WORK/adns.pairs")
  OURS+=("$o"); ADNS+=("$a")
  echo "round $r: infrapivot $o q/s (wrong or missing: $bad_o, peak RSS $(($(cat "$WORK/rss") / 1024)) MiB; $(cat "$WORK/ours.stats")), adnshost $a q/s (wrong or missing: $bad_a), dnsperf $p q/s (completed ${done_p:-?} of $N); wall time infrapivot/dnsperf $tr"
  echo "         infrapivot resolve (the command, through the session) $c q/s (wrong or missing: $bad_c)"
  [ "$bad_o" -eq 0 ] || { echo "infrapivot answers differ from the zone" >&2; exit 1; }
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mo=$(median "${OURS[@]}"); ma=$(median "${ADNS[@]}"); mp=$(median "${PERF[@]}"); mt=$(median "${TRATIO[@]}")
echo "names=$N rounds=$ROUNDS median whole-process q/s: infrapivot=$mo adnshost=$ma ratio=$(awk -v a="$mo" -v b="$ma" 'BEGIN { printf "%.2f", a / b }') dnsperf=$mp"
echo "median wall time infrapivot/dnsperf=$mt (issue 11 target: <= 0.67, massdns's ratio to dnsperf)"
echo "median q/s of the resolve command (session path): $(median "${CMDS[@]}") (BulkBench, the loop alone: $mo)"

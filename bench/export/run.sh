#!/usr/bin/env bash
# Export benchmark: a generated case of N observations (default 1,000,000) exported in each streaming format
# under a fixed heap (-Xmx256m), with wall time and peak RSS, against sqlite3's own CSV dump of the same
# facts (the peer) in the same run. Usage: bench/export/run.sh [N]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
. scripts/find-java.sh
java_bin="$(find_java)" || { echo "needs a JDK 21+" >&2; exit 4; }
export JAVA_HOME="$(cd "$(dirname "$java_bin")/.." && pwd)"
bash bench/export/deps.sh
n="${1:-1000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
case_file="${BENCH_CASE:-$work/bench.sqlite}"   # BENCH_CASE: reuse a case written before by ExportBenchCase
[ -f "$case_file" ] || "$java_bin" -cp "$cp" io.infrapivot.bench.ExportBenchCase "$case_file" "$n"
echo "case: $(sqlite3 "$case_file" 'SELECT COUNT(*) FROM observations') observations, $(sqlite3 "$case_file" 'SELECT COUNT(*) FROM indicators') indicators; host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
export HOME="$work/home" INFRAPIVOT_DATA_DIR="$work/data" INFRAPIVOT_CONFIG="$work/config.toml"
mkdir -p "$HOME"

# prints "WALL_SECONDS PEAK_RSS_KB CPU_SECONDS" of a command (CPU time is the steadier number on a busy host)
measure() {
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null
    awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/time"
}

peer_sql="SELECT o.id, si.type, si.value, o.relation, oi.type, oi.value, o.value_json, o.first_seen_ms, o.last_seen_ms
  FROM observations o JOIN indicators si ON si.id = o.subject_id LEFT JOIN indicators oi ON oi.id = o.object_id ORDER BY o.id"
read -r peer_s peer_kb peer_cpu < <(measure sh -c 'exec sqlite3 -csv "$1" "$2" > "$3"' _ "$case_file" "$peer_sql" "$work/peer.csv")
peer_bytes=$(stat -c %s "$work/peer.csv")
printf "%-8s %8s %8s %9s %11s %9s %9s\n" format wall_s cpu_s "peak MiB" "output MiB" wall/peer cpu/peer
printf "%-8s %8.1f %8.1f %9.0f %11.0f %9s %9s\n" sqlite3 "$peer_s" "$peer_cpu" "$((peer_kb / 1024))" \
    "$((peer_bytes / 1048576))" "1.00" "1.00"
for f in ${BENCH_FORMATS:-jsonl csv graphml gexf stix21 misp mtgx}; do
    out="$work/out.$f"
    read -r s kb cpu < <(measure "$java_bin" -Xmx256m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
        -cp target/infrapivot-all.jar io.infrapivot.app.cli.Main \
        export --case "$case_file" --format "$f" -o "$out" 2>/dev/null)
    bytes=$(stat -c %s "$out")
    printf "%-8s %8.1f %8.1f %9.0f %11.0f %9.2f %9.2f\n" "$f" "$s" "$cpu" "$((kb / 1024))" "$((bytes / 1048576))" \
        "$(echo "$s / $peer_s" | bc -l)" "$(echo "$cpu / $peer_cpu" | bc -l)"
    rm -f "$out"
done

#!/usr/bin/env bash
# bench/extract/run.sh [SIZE_MB]: `infrapivot extract` against ioc-extractor (npm) on one generated corpus, in one run.
# Prints both whole-process throughputs, the ratio, recall against the planted indicators and the disagreement.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE=${1:-64}
WORK=$(mktemp -d /tmp/infrapivot-extract-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
JAR=target/infrapivot-all.jar
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java

echo "generating a ${SIZE} MiB corpus (prose, HTML, logs; about half the indicators defanged)..."
python3 bench/extract/gen.py "$WORK" "$SIZE"
BYTES=$(stat -c %s "$WORK/corpus.txt")
echo "installing ioc-extractor into $WORK/npm..."
npm install --silent --no-audit --no-fund --prefix "$WORK/npm" ioc-extractor@8.2.0 >/dev/null
VERSION=$(node -p "require('$WORK/npm/node_modules/ioc-extractor/package.json').version")

now() { date +%s.%N; }
t0=$(now)
HOME="$WORK" INFRAPIVOT_DATA_DIR="$WORK/data" INFRAPIVOT_CONFIG="$WORK/config.toml" \
  "$JAVA" -jar "$JAR" extract --unique --json "$WORK/corpus.txt" > "$WORK/ours.jsonl" 2>"$WORK/ours.err"
t1=$(now)
node --max-old-space-size=8192 bench/extract/ioc.cjs "$WORK/npm" "$WORK/corpus.txt" "$WORK/theirs.tsv" 2>"$WORK/theirs.err"
t2=$(now)

python3 - "$BYTES" "$t0" "$t1" "$t2" "$VERSION" <<'PY'
import sys
size, t0, t1, t2, version = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
ours, theirs = t1 - t0, t2 - t1
mb = size / 1048576
print("corpus: %.1f MiB" % mb)
print("infrapivot extract (whole process, JVM start included): %6.1f s  %6.1f MiB/s" % (ours, mb / ours))
print("ioc-extractor %s (whole process, node):          %6.1f s  %6.1f MiB/s" % (version, theirs, mb / theirs))
print("throughput ratio infrapivot / ioc-extractor: %.2fx" % (theirs / ours))
PY
cat "$WORK/theirs.err"
python3 bench/extract/compare.py "$WORK/truth.tsv" "$WORK/ours.jsonl" "$WORK/theirs.tsv"

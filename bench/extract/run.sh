#!/usr/bin/env bash
# bench/extract/run.sh [SIZE_MB]: `infrapivot extract` against ioc-extractor (npm) on one generated corpus, in one run.
# Prints both whole-process throughputs, the ratio, recall against the planted indicators and the disagreement.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE=${1:-64}
WORK=$(mktemp -d /tmp/infrapivot-extract-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# the launcher, as an analyst runs it: it rebuilds a stale jar and runs it with its JVM options (C1 only, serial GC,
# the recorded class archive); one run first so the build and the archive are not timed
./infrapivot --version >/dev/null

echo "generating a ${SIZE} MiB corpus (prose, HTML, logs; about half the indicators defanged)..."
python3 bench/extract/gen.py "$WORK" "$SIZE"
BYTES=$(stat -c %s "$WORK/corpus.txt")
echo "installing ioc-extractor into $WORK/npm..."
npm install --silent --no-audit --no-fund --prefix "$WORK/npm" ioc-extractor@8.2.0 >/dev/null
VERSION=$(node -p "require('$WORK/npm/node_modules/ioc-extractor/package.json').version")

# each side timed by /usr/bin/time: wall time, and user+sys CPU time (the fairer figure on a shared, loaded machine)
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
HOME="$WORK" INFRAPIVOT_DATA_DIR="$WORK/data" INFRAPIVOT_CONFIG="$WORK/config.toml" \
  "$TIME" -f "%e %U %S" -o "$WORK/ours.time" \
  ./infrapivot extract --unique --json "$WORK/corpus.txt" > "$WORK/ours.jsonl" 2>"$WORK/ours.err"
"$TIME" -f "%e %U %S" -o "$WORK/theirs.time" \
  node --max-old-space-size=8192 bench/extract/ioc.cjs "$WORK/npm" "$WORK/corpus.txt" "$WORK/theirs.tsv" 2>"$WORK/theirs.err"

python3 - "$BYTES" "$WORK/ours.time" "$WORK/theirs.time" "$VERSION" <<'PY'
import sys
size, version = int(sys.argv[1]), sys.argv[4]
def times(p):
    wall, user, sys_ = (float(x) for x in open(p).read().split()[-3:])
    return wall, user + sys_
(ow, oc), (tw, tc) = times(sys.argv[2]), times(sys.argv[3])
mb = size / 1048576
print("corpus: %.1f MiB" % mb)
print("%-58s %8s %10s %10s %10s" % ("whole process", "wall s", "MiB/s", "CPU s", "MiB/CPU-s"))
print("%-58s %8.1f %10.1f %10.1f %10.1f" % ("infrapivot extract (JVM start and JIT included)", ow, mb / ow, oc, mb / oc))
print("%-58s %8.1f %10.1f %10.1f %10.1f" % ("ioc-extractor %s (node)" % version, tw, mb / tw, tc, mb / tc))
print("throughput ratio infrapivot / ioc-extractor: wall %.2fx, CPU (user+sys) %.2fx" % (tw / ow, tc / oc))
PY
cat "$WORK/theirs.err"
python3 bench/extract/compare.py "$WORK/truth.tsv" "$WORK/ours.jsonl" "$WORK/theirs.tsv"

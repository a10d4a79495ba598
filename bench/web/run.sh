#!/usr/bin/env bash
# Web page benchmark: a generated case (default 5,000 indicators, 20,000 links) drawn by the page in headless
# Chromium; prints the first full render time (fetch + graph build + layout + first frame) and the time a
# filter toggle and a node selection take. Usage: bench/web/run.sh [NODES] [EDGES] [RUNS]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
. scripts/find-java.sh
java_bin="$(find_java)" || { echo "needs a JDK 21+" >&2; exit 4; }
export JAVA_HOME="$(cd "$(dirname "$java_bin")/.." && pwd)"
bash .ci/deps/web.sh
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-web-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-web-classpath.txt)"
"$java_bin" -cp "$cp" io.infrapivot.bench.WebBench "${1:-5000}" "${2:-20000}" "${3:-3}" "${4:-?layout=concentric}"

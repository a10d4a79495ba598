#!/usr/bin/env bash
# Pivot benchmark: the depth-3 simulated-internet pivot with every HTTP fixture answering after a delay,
# against its critical-path bound. Usage: bench/pivot/run.sh [DELAY_MS]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
. scripts/find-java.sh
java_bin="$(find_java)" || { echo "needs a JDK 21+" >&2; exit 4; }
export JAVA_HOME="$(cd "$(dirname "$java_bin")/.." && pwd)"
bash .ci/deps/dns.sh
./mvnw -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
delay="${1:-50}"
echo "== with each source's own concurrency limits"
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "$cp" io.infrapivot.bench.PivotBench "$delay" 0 warm
echo "== with parallel_lookups=16 for every source (the engine's own scheduling)"
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "$cp" io.infrapivot.bench.PivotBench "$delay" 16 warm

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
./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
./infrapivot selftest >/dev/null   # records the launcher's class archive for this jar, as a first use would
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
delay="${1:-50}"
bench() { "$java_bin" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$cp" io.infrapivot.bench.PivotBench "$delay" "$@"; }
echo "== the engine: parallel_lookups=16 for every source, in one JVM after warm-up runs (the launcher's JVM options)"
bench 16 warm 7
echo "== each source's own concurrency (Mnemonic, Whoxy and crt.sh one request at a time), same JVM set-up"
bench 0 warm 3
echo "== as an analyst runs it: the launcher, a new JVM per run, parallel_lookups=16"
bench 16 cli 5

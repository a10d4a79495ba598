#!/usr/bin/env bash
# Workers benchmark: lookups per second with 1, 2 and 4 worker processes on one PostgreSQL store (a cluster of
# its own) against a stand-in service answering after 200 ms, 4 at a time for the fleet's one key; each run is
# printed with the bound it should reach. Usage: bench/workers/run.sh [LOOKUPS] [DELAY_MS] [PER_KEY] [CONCURRENCY]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
. scripts/find-java.sh
java_bin="$(find_java)" || { echo "needs a JDK 21+" >&2; exit 4; }
export JAVA_HOME="$(cd "$(dirname "$java_bin")/.." && pwd)"
bash .ci/deps/postgres.sh
./mvnw -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
exec "$java_bin" -cp "$cp" io.infrapivot.bench.WorkerBench "${1:-120}" "${2:-200}" "${3:-4}" "${4:-2}"

#!/usr/bin/env bash
# The benchmark: builds the project, then runs W1–W3 on the hand-written limit, Rivulet, Flink and
# Rivulet on the Flink runner
# (each at parallelism 1 and 2, each in a fresh JVM, in interleaved rounds), then the extra rows.
# Results: bench/results/results.md (docs/performance.md's table) and results.csv.
# Usage: ./bench.sh [--quick] [--rounds N] [--only W1,W2,W3]
#   --quick: a tenth of the data, one round, no extras: checks the checksums (exit 1 if one differs)
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp -q -DskipTests package -pl bench,bench-flink -am
# This JVM only forks one JVM per workload (options in Fork.jvmOptions) and writes the results.
# Jars only (no classes directory): worker JVMs can then use a class-data archive.
exec java -Xmx256m -cp "$(ls bench/target/rivulet-bench-*.jar):bench/target/lib/*" \
    dev.rivulet.bench.BenchMain "$@"

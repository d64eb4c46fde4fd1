#!/usr/bin/env bash
# The benchmark: builds the project, then runs every workload and its plain-Java baseline, each
# workload in a JVM of its own. Results: bench/results/results.md (the README's table) and results.csv.
# Usage: ./bench.sh [--quick] [--only W1,W2,W3,W4]
#   --quick: a tenth of the data, a smoke run; --only: some workloads, written to results/partial
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp -q -DskipTests package -pl bench -am
# This JVM only forks one JVM per workload (options in Fork.jvmOptions) and writes the results.
# Jars only (no classes directory): worker JVMs can then use a class-data archive.
exec java -Xmx256m -cp "$(ls bench/target/rivulet-bench-*.jar):bench/target/lib/*" \
    dev.rivulet.bench.BenchMain "$@"

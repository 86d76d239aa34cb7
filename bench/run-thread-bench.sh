#!/usr/bin/env bash
# Thread engine benchmark: document bytes -> first page JSON, per size, each in
# its own process so peak_rss_MiB is that size's peak. Usage: bench/run-thread-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset native-release >/dev/null
cmake --build --preset native-release -j "$(nproc)" --target thread_bench >/dev/null
for n in 1000 10000 100000 1000000; do
  ./build/native-release/bench/thread_bench --benchmark_filter="DocumentToFirstPage/oldest/$n\$" \
    --benchmark_min_time=1 2>/dev/null | grep -E "^BM_"
done
./build/native-release/bench/thread_bench --benchmark_filter="best|AssembleOnly" 2>/dev/null | grep -E "^BM_"

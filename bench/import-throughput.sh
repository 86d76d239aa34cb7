#!/usr/bin/env bash
# Import throughput (issue 22, docs/import-export.md): comments per second and
# peak RSS of `soundoff import --db` into a fresh SQLite database (BACKEND=postgres:
# the fresh cluster scripts/with-postgres starts). Generates a
# Soundoff-format export of COMMENTS comments (THREADS threads, about 60%
# replies, one comment in ten with votes), then imports it once into an empty
# database and once more into the same one (the merge path: every comment is
# already present). BENCHMARKS.md records a run.
#
#   bench/import-throughput.sh                          # 100k comments, release build
#   COMMENTS=1000000 BUILD=native-debug bench/import-throughput.sh
#   scripts/with-postgres env BACKEND=postgres bench/import-throughput.sh   # into PostgreSQL
set -euo pipefail
cd "$(dirname "$0")/.."
comments=${COMMENTS:-100000}
threads=${THREADS:-100}
build=${BUILD:-native-release}
cmake --preset "$build" >/dev/null
cmake --build --preset "$build" -j 2 --target soundoff >/dev/null
bin=./build/$build/native/soundoff

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/comments.db
if [ "${BACKEND:-sqlite}" = postgres ]; then
  db=${SOUNDOFF_TEST_POSTGRES:?BACKEND=postgres needs SOUNDOFF_TEST_POSTGRES: run it under scripts/with-postgres}
fi

python3 - "$comments" "$threads" >"$work/site.json" <<'PY'
import json, random, sys
n, t = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(22)
words = "the proposal talks never because people think really news vote peace support argument why how".split()
out = ['{"format":"soundoff-export","version":1,"threads":[']
per = (n + t - 1) // t
made = 0
for k in range(t):
    count = min(per, n - made)
    if count <= 0: break
    rows = []
    for i in range(count):
        c = {"id": "c%d" % i, "author": "user%d" % rng.randrange(5000),
             "created": "2020-01-01T00:00:%02dZ" % (i % 60),
             "body": " ".join(rng.choice(words) for _ in range(rng.randrange(5, 40))), "status": "published"}
        if i and rng.random() < 0.6: c["parent"] = "c%d" % rng.randrange(max(0, i - 20), i)
        if rng.random() < 0.1: c["up"] = rng.randrange(1, 4)
        rows.append(json.dumps(c, separators=(",", ":")))
    made += count
    out.append(('' if k == 0 else ',') + '{"thread":"article-%d","title":"Article %d","url":"https://example.org/a/%d","comments":[' % (k, k, k) + ",".join(rows) + "]}")
out.append("]}")
sys.stdout.write("\n".join(out))
PY
echo "export: $comments comments in $threads threads, $(du -h "$work/site.json" | cut -f1)"

run() {  # label
  /usr/bin/time -v "$bin" import --db "$db" "$work/site.json" 2>"$work/err.txt"
  grep "soundoff import: imported" "$work/err.txt" | tail -1 | sed "s/^soundoff import:/$1:/"
  grep "soundoff import: inserted" "$work/err.txt" | sed "s/^soundoff import:/$1:/"
  echo "$1: wall $(grep 'Elapsed (wall' "$work/err.txt" | awk '{print $NF}'), peak RSS $(grep 'Maximum resident' "$work/err.txt" | awk '{print $NF}') KiB"
}
run "first import (empty database)"
run "second import (all present)"

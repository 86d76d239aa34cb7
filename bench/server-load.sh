#!/usr/bin/env bash
# Load test of `soundoff serve` with wrk on loopback: page reads of a
# 10,000-comment thread (cached) and comment POSTs. Prints wrk's output;
# BENCHMARKS.md records a run.
#
#   bench/server-load.sh                 # 10 s per scenario, 2 wrk threads, 32 connections
#   DURATION=30s CONNECTIONS=64 bench/server-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}  # whole seconds, "10s"
connections=${CONNECTIONS:-32}
threads=${WRK_THREADS:-2}
comments=${COMMENTS:-10000}

bash scripts/deps.sh
cmake --preset native-release >/dev/null
cmake --build --preset native-release -j 2 --target soundoff >/dev/null
bin=./build/native-release/native/soundoff

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A thread of $comments comments, one minute apart, bodies of 80-400
# characters; 30% are replies to one of the 50 comments before them (readers
# answer what is recent), so top-level threads hold a few replies each.
awk -v n="$comments" 'BEGIN {
  srand(7);
  printf "{\"thread\": \"bench-10k\", \"comments\": [\n";
  for (i = 1; i <= n; i++) {
    parent = (i > 1 && rand() < 0.3) ? sprintf(", \"parent\": \"%d\"", i - 1 - int(rand() * (i - 1 < 50 ? i - 1 : 50))) : "";
    len = 80 + int(rand() * 320); body = "";
    while (length(body) < len) body = body "lorem ipsum dolor sit amet ";
    t = 1378760000 + i * 60;
    printf "%s{\"id\": \"%d\", \"author\": \"reader%d\", \"created\": %d%s, \"body\": \"%s\"}\n",
           (i > 1 ? "," : ""), i, i % 500, t, parent, substr(body, 1, len);
  }
  printf "]}\n";
}' > "$work/thread.json"

cat > "$work/config.json" <<JSON
{"demo_thread": "bench-10k", "rate_limits": false, "access_log": "$work/access.log"}
JSON
touch "$work/access.log"
"$bin" serve --db "$work/bench.db" --config "$work/config.json" --seed "$work/thread.json" --port 0 \
  >"$work/stdout" 2>"$work/stderr" &
server_pid=$!
for _ in $(seq 100); do grep -q listening "$work/stdout" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's|listening on \(http://[^ ]*\)/|\1|p' "$work/stdout")
[ -n "$base" ] || { cat "$work/stderr"; exit 1; }
page="$base/api/threads/bench-10k/comments?per_page=50"
curl -sf "$page" >"$work/page.json"   # first read assembles and caches the thread
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); page of $comments comments: $(wc -c <"$work/page.json") bytes"

run() {  # run TITLE CONNECTIONS wrk-args...
  local title=$1 conns=$2 t=$threads
  shift 2
  [ "$conns" -lt "$t" ] && t=$conns
  echo
  echo "== $title"
  echo "wrk -t$t -c$conns -d$duration --latency $*"
  local before
  before=$(wc -l <"$work/access.log")
  wrk -t"$t" -c"$conns" -d"$duration" --latency "$@"
  # The server's own time per request (routing to response, from the access
  # log): what is left of the latency above is queueing for the 2 CPUs.
  tail -n +"$((before + 1))" "$work/access.log" | grep -o '"ms":[0-9.e+-]*' | cut -d: -f2 | sort -g |
    awk '{ v[NR] = $1 } END { if (NR) printf "server-side time: p50 %.3f ms, p99 %.3f ms over %d requests\n",
         v[int(NR * 0.50) + 1], v[int(NR * 0.99) + 1], NR }'
}

run "GET page 1 of the $comments-comment thread (cached), $connections connections" "$connections" "$page"
run "GET page 1 of the $comments-comment thread (cached), 4 connections" 4 "$page"
run "GET page 20, sort=top, of the $comments-comment thread (cached), $connections connections" "$connections" \
  "$page&page=20&sort=top"

# Reads while comments arrive: each write marks the thread for one
# re-assembly (10k comments), paid by the first read after it.
writes_per_s=${WRITES_PER_SECOND:-20}
(
  end=$((SECONDS + ${duration%s} + 1))
  while [ "$SECONDS" -lt "$end" ]; do
    curl -s -o /dev/null -H 'Content-Type: application/json' -d '{"author":"bg","body":"arriving comment"}' \
      "$base/api/threads/bench-10k/comments"
    sleep "$(awk -v r="$writes_per_s" 'BEGIN { printf "%.3f", 1 / r }')"
  done
) &
writer_pid=$!
run "GET page 1 of the $comments-comment thread while ~$writes_per_s comments/s arrive, $connections connections" \
  "$connections" "$page"
wait "$writer_pid"

cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local body = '{"author":"load","body":"load test comment ' .. n .. ' from thread ' .. tostring(wrk.thread) .. '"}'
  return wrk.format(nil, wrk.path, nil, body)
end
LUA
run "POST a comment to a new thread (SQLite synchronous=FULL, fsync per commit)" "$connections" -s "$work/post.lua" \
  "$base/api/threads/bench-posts/comments"
run "POST a comment to the $comments-comment thread" "$connections" -s "$work/post.lua" \
  "$base/api/threads/bench-10k/comments"
echo
echo "status codes in the access log: $(grep -o '"status":[0-9]*' "$work/access.log" | sort | uniq -c | tr '\n' ' ')"

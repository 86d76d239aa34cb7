#!/usr/bin/env bash
# Load test of `soundoff serve` with wrk on loopback: page reads of a
# 10,000-comment thread (cached) and comment POSTs. Prints wrk's output;
# BENCHMARKS.md records a run.
#
#   bench/server-load.sh                 # 10 s per scenario, 2 wrk threads, 32 connections
#   DURATION=30s CONNECTIONS=64 bench/server-load.sh
#   BACKEND=postgres bench/server-load.sh              # PostgreSQL (throwaway cluster, fsync on)
#   BACKEND=postgres INSTANCES=2 bench/server-load.sh  # two instances on one database; one wrk per
#                                                      # instance, CONNECTIONS split between them
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${BACKEND:-sqlite}
instances=${INSTANCES:-1}
case "$backend" in
  sqlite) [ "$instances" = 1 ] || { echo "INSTANCES>1 needs BACKEND=postgres (a shared database)" >&2; exit 2; } ;;
  postgres)
    # Re-run inside a throwaway cluster with PostgreSQL's durable defaults (a commit is fsynced, like SQLite FULL).
    if [ -z "${SOUNDOFF_TEST_POSTGRES:-}" ]; then
      bash scripts/deps.sh
      POSTGRES_DURABLE=1 exec scripts/with-postgres bash "$0" "$@"
    fi ;;
  *) echo "BACKEND must be sqlite or postgres" >&2; exit 2 ;;
esac
duration=${DURATION:-10s}  # whole seconds, "10s"
connections=${CONNECTIONS:-32}
threads=${WRK_THREADS:-2}
comments=${COMMENTS:-10000}

bash scripts/deps.sh
cmake --preset native-release >/dev/null
cmake --build --preset native-release -j 2 --target soundoff >/dev/null
bin=./build/native-release/native/soundoff

work=$(mktemp -d)
server_pids=()
cleanup() {
  for pid in "${server_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
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

db="$work/bench.db"
[ "$backend" = postgres ] && db="$SOUNDOFF_TEST_POSTGRES"
# Instance i logs to access.log.i; they start one after another, so only the first seeds the database.
bases=()
for i in $(seq "$instances"); do
  printf '{"demo_thread": "bench-10k", "rate_limits": false, "access_log": "%s"}\n' "$work/access.log.$i" \
    >"$work/config.$i.json"
  touch "$work/access.log.$i"
  "$bin" serve --db "$db" --config "$work/config.$i.json" --seed "$work/thread.json" --port 0 \
    >"$work/stdout.$i" 2>"$work/stderr.$i" &
  server_pids+=($!)
  for _ in $(seq 300); do grep -q listening "$work/stdout.$i" 2>/dev/null && break; sleep 0.1; done
  b=$(sed -n 's|listening on \(http://[^ ]*\)/|\1|p' "$work/stdout.$i")
  [ -n "$b" ] || { cat "$work/stderr.$i"; exit 1; }
  bases+=("$b")
  # first read assembles and caches the thread on this instance
  curl -sf "$b/api/threads/bench-10k/comments?per_page=50" >"$work/page.json"
done
base=${bases[0]}
page="$base/api/threads/bench-10k/comments?per_page=50"
echo "backend: $backend, instances: $instances"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); page of $comments comments: $(wc -c <"$work/page.json") bytes"

run() {  # run TITLE CONNECTIONS wrk-args... (the last argument is the URL on the first instance)
  local title=$1 conns=$2 t=$threads
  shift 2
  [ "$conns" -lt "$t" ] && t=$conns
  echo
  echo "== $title"
  local -A before
  for i in $(seq "$instances"); do before[$i]=$(wc -l <"$work/access.log.$i"); done
  if [ "$instances" = 1 ]; then
    echo "wrk -t$t -c$conns -d$duration --latency $*"
    wrk -t"$t" -c"$conns" -d"$duration" --latency "$@"
  else
    # One wrk per instance at once, the connections split between them; the
    # cluster's rate is the sum.
    local per=$((conns / instances)) url=${*: -1} args=("${@:1:$#-1}")
    [ "$per" -lt "$t" ] && t=$per
    local wrk_pids=()
    for i in $(seq "$instances"); do
      echo "wrk -t$t -c$per -d$duration --latency ${args[*]} ${url/$base/${bases[$((i - 1))]}}"
      wrk -t"$t" -c"$per" -d"$duration" --latency "${args[@]}" "${url/$base/${bases[$((i - 1))]}}" >"$work/wrk.$i" &
      wrk_pids+=($!)
    done
    wait "${wrk_pids[@]}"
    for i in $(seq "$instances"); do echo "-- instance $i"; cat "$work/wrk.$i"; done
    cat "$work"/wrk.* | awk '/^Requests\/sec/ { sum += $2 } END { printf "cluster total: %.2f requests/sec\n", sum }'
  fi
  # The server's own time per request (routing to response, from the access
  # log): what is left of the latency above is queueing for the 2 CPUs.
  for i in $(seq "$instances"); do tail -n +"$((${before[$i]} + 1))" "$work/access.log.$i"; done |
    grep -o '"ms":[0-9.e+-]*' | cut -d: -f2 | sort -g |
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
durability="SQLite synchronous=FULL"
[ "$backend" = postgres ] && durability="PostgreSQL fsync=on, synchronous_commit=on"
run "POST a comment to a new thread ($durability, fsync per commit)" "$connections" -s "$work/post.lua" \
  "$base/api/threads/bench-posts/comments"
run "POST a comment to the $comments-comment thread" "$connections" -s "$work/post.lua" \
  "$base/api/threads/bench-10k/comments"
echo
echo "status codes in the access logs: $(cat "$work"/access.log.* | grep -o '"status":[0-9]*' | sort | uniq -c | tr '\n' ' ')"

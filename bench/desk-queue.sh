#!/usr/bin/env bash
# Load test of the moderator's desk queue API with wrk on loopback: cursor
# pages of 50 from a queue of 10,000 held comments (issue 16, "Measured").
# Prints wrk's latency distribution (p99 included) and the server's own time
# per request from the access log; BENCHMARKS.md records a run.
#
#   bench/desk-queue.sh                       # 10 s per scenario, 2 wrk threads, 16 connections
#   DURATION=30s CONNECTIONS=32 HELD=20000 bench/desk-queue.sh
#   BACKEND=postgres bench/desk-queue.sh      # PostgreSQL (throwaway cluster)
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${BACKEND:-sqlite}
case "$backend" in
  sqlite) ;;
  postgres)
    if [ -z "${SOUNDOFF_TEST_POSTGRES:-}" ]; then
      bash scripts/deps.sh
      POSTGRES_DURABLE=1 exec scripts/with-postgres bash "$0" "$@"
    fi ;;
  *) echo "BACKEND must be sqlite or postgres" >&2; exit 2 ;;
esac
duration=${DURATION:-10s}
connections=${CONNECTIONS:-16}
threads=${WRK_THREADS:-2}
held=${HELD:-10000}
token=bench-desk-token-0123456789abcdef0123456789

bash scripts/deps.sh
cmake --preset native-release >/dev/null
cmake --build --preset native-release -j 2 --target soundoff >/dev/null
bin=./build/native-release/native/soundoff

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && { kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

# $held pending comments by 500 authors, plus as many published ones (the
# queue must skip them through its index, not a scan). --seed puts them all
# in the demo thread.
awk -v n="$held" 'BEGIN {
  printf "{\"thread\": \"bench-desk\", \"comments\": [\n";
  for (i = 1; i <= 2 * n; i++) {
    status = (i % 2) ? "pending" : "published";
    printf "%s{\"id\": \"%d\", \"author\": \"reader%d\", \"created\": %d, \"status\": \"%s\", \"body\": \"comment %d waiting for a moderator, lorem ipsum dolor sit amet\"}\n",
           (i > 1 ? "," : ""), i, i % 500, 1378760000 + i * 60, status, i;
  }
  printf "]}\n";
}' > "$work/held.json"

db="$work/desk.db"
[ "$backend" = postgres ] && db="$SOUNDOFF_TEST_POSTGRES"
printf '{"demo_thread": "bench-desk", "rate_limits": false, "admin_token": "%s", "access_log": "%s"}\n' \
  "$token" "$work/access.log" >"$work/config.json"
touch "$work/access.log"
"$bin" serve --db "$db" --config "$work/config.json" --seed "$work/held.json" --port 0 \
  >"$work/stdout" 2>"$work/stderr" &
server_pid=$!
for _ in $(seq 600); do grep -q listening "$work/stdout" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's|listening on \(http://[^ ]*\)/|\1|p' "$work/stdout")
[ -n "$base" ] || { cat "$work/stderr"; exit 1; }
auth="Authorization: Bearer $token"
counts=$(curl -sf -H "$auth" "$base/api/admin/counts")
# A cursor half-way down the queue: deep pages must cost what the first one does.
middle=$(curl -sf -H "$auth" "$base/api/admin/queue/held?limit=200&cursor=$held" | sed -n 's/.*"next_cursor":"\([0-9]*\)".*/\1/p')
echo "backend: $backend; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "counts: $counts"

run() {  # run TITLE URL
  echo
  echo "== $1"
  local before
  before=$(wc -l <"$work/access.log")
  echo "wrk -t$threads -c$connections -d$duration --latency -H '$auth' $2"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "$auth" "$2"
  tail -n +"$((before + 1))" "$work/access.log" | grep -o '"ms":[0-9.e+-]*' | cut -d: -f2 | sort -g |
    awk '{ v[NR] = $1 } END { if (NR) printf "server-side time: p50 %.3f ms, p99 %.3f ms over %d requests\n",
         v[int(NR * 0.50) + 1], v[int(NR * 0.99) + 1], NR }'
}

run "GET the first page of 50 of $held held comments" "$base/api/admin/queue/held?limit=50"
run "GET a page of 50 half-way down (cursor $middle)" "$base/api/admin/queue/held?limit=50&cursor=$middle"
run "GET a page of 50 filtered by thread and author (40 match)" \
  "$base/api/admin/queue/held?limit=50&thread=bench-desk&author=reader7"
run "GET the counts" "$base/api/admin/counts"
echo
echo "status codes in the access log: $(grep -o '"status":[0-9]*' "$work/access.log" | sort | uniq -c | tr '\n' ' ')"

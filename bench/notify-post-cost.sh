#!/usr/bin/env bash
# The added cost per POST of notifications (docs/notifications.md): wrk POSTs
# comments to one `soundoff serve` (SQLite) twice, on a fresh database each
# time: with notifications off, and on — a webhook for every event to a
# loopback receiver (answers 200), reader mail through a loopback SMTP sink
# (tests/server/smtp_sink.py, python3-aiosmtpd), every POST asking for reply
# mail (a subscription and a confirmation row) and one confirmed subscriber of
# the whole thread (a reply mail row per POST, up to replies_per_hour = 1000).
# The same request bodies both times. Prints requests/s and p99 of each run;
# BENCHMARKS.md records one.
#
#   bench/notify-post-cost.sh                         # release build, 10 s, 16 connections
#   BUILD=native-debug DURATION=10s CONNECTIONS=16 bench/notify-post-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-native-release}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-16}
threads=${WRK_THREADS:-2}
cmake --preset "$build" >/dev/null
cmake --build --preset "$build" -j 2 --target soundoff >/dev/null
bin=./build/$build/native/soundoff

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# The webhook receiver: a threaded HTTP server that answers 200 and counts deliveries.
cat >"$work/receiver.py" <<'PY'
import http.server, socketserver, sys
seen = 0
class Hook(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        global seen
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
        seen += 1
        open(sys.argv[2], "w").write(str(seen))
    def log_message(self, *args): pass
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer): daemon_threads = True
s = Server(("127.0.0.1", 0), Hook)
open(sys.argv[1], "w").write(str(s.server_address[1]))
s.serve_forever()
PY
python3 "$work/receiver.py" "$work/hook.port" "$work/hook.count" &
pids+=($!)
mkdir -p "$work/mail"
# Debian's python3 (python3-aiosmtpd), whatever python3 comes first in PATH.
/usr/bin/python3 tests/server/smtp_sink.py "$work/mail" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/hook.port" ] && [ -s "$work/mail/port" ] && break; sleep 0.1; done
[ -s "$work/mail/port" ] || { echo "the SMTP sink did not start (python3-aiosmtpd missing?)" >&2; exit 1; }

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local who = 'r' .. n .. 't' .. tostring(wrk.thread):gsub('[^%w]', '')
  local body = '{"author":"load","body":"load test comment ' .. n .. '","email":"' .. who ..
               '@example.org","notify_replies":true}'
  return wrk.format(nil, wrk.path, nil, body)
end
LUA

# One client posting fast would be held for flooding and near-duplicates: both runs turn those checks off, so every
# comment is published (webhook comment.published, and the watcher's reply mail in the "on" run).
policy='"spam_policy": {"flood": {"interval_s": 0, "burst": 1000000}, "duplicates": {"window_s": 0}}'
printf '{"rate_limits": false, %s}\n' "$policy" >"$work/off.json"
cat >"$work/on.json" <<JSON
{"rate_limits": false, $policy,
 "webhooks": [{"url": "http://127.0.0.1:$(cat "$work/hook.port")/hook", "secret": "bench-secret"}],
 "webhook_allow_private": true,
 "smtp": {"url": "smtp://127.0.0.1:$(cat "$work/mail/port")", "from": "soundoff@example.org", "starttls": false},
 "public_url": "https://news.example",
 "reader_mail": {"enabled": true, "confirmations_per_day": 1000, "replies_per_hour": 1000}}
JSON

start() {  # start NAME: a server on a fresh database; sets base
  local name=$1
  "$bin" serve --db "$work/$name.db" --config "$work/$name.json" --port 0 --access-log off \
    >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  for _ in $(seq 300); do grep -q listening "$work/$name.out" 2>/dev/null && break; sleep 0.1; done
  base=$(sed -n 's|listening on \(http://[^ ]*\)/|\1|p' "$work/$name.out")
  [ -n "$base" ] || { cat "$work/$name.err"; exit 1; }
}

run() {  # run NAME: wrk against the server's thread, then the summary line
  local name=$1
  echo
  echo "== notifications $name: wrk -t$threads -c$connections -d$duration --latency -s post.lua"
  wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$work/post.lua" \
    "$base/api/threads/bench-notify/comments" | tee "$work/$name.wrk"
  awk -v name="$name" '/Requests\/sec/ { rps = $2 } $1 == "99%" { p99 = $2 }
       END { printf "SUMMARY notifications %s: %s requests/s, p99 %s\n", name, rps, p99 }' "$work/$name.wrk" \
    >>"$work/summary"
}

echo "build $build, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: compare the two runs, not other days)"
start off
run off
kill -TERM "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'

start on
# One confirmed reader who watches the whole thread: every POST queues a reply mail for them.
kill -TERM "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'
python3 - "$work/on.db" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO subscriptions (address, thread, comment_id, lang, state, created_ms, confirmed_ms) "
           "VALUES ('watcher@example.org', 'bench-notify', 0, 'en', 'confirmed', ?1, ?1)", (int(time.time() * 1000),))
db.commit()
PY
start on
run on
sleep 2
rows=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT destination, event, count(*) FROM outbox GROUP BY 1, 2\").fetchall())" "$work/on.db")
echo
echo "outbox rows written in the 'on' run: $rows"
echo "comments published/held in the 'off' run: $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT status, count(*) FROM comments GROUP BY 1\").fetchall())" "$work/off.db")"
echo "webhook deliveries received so far: $(cat "$work/hook.count" 2>/dev/null || echo 0), mails: $(ls "$work/mail" | grep -c json || true)"
echo
cat "$work/summary"

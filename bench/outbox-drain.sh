#!/usr/bin/env bash
# Outbox throughput (docs/notifications.md): how many events per second one
# `soundoff serve` drains to a loopback webhook receiver. The database is
# prepared with N due outbox rows (written straight into SQLite: the sender
# cannot tell them from rows a POST wrote), then the server starts and the
# receiver times the first to the N-th delivery. BENCHMARKS.md records a run.
#
#   bench/outbox-drain.sh                   # 5000 events, release build
#   EVENTS=20000 BUILD=native-debug bench/outbox-drain.sh
#   SYNCHRONOUS=normal bench/outbox-drain.sh   # SQLite without an fsync per commit
set -euo pipefail
cd "$(dirname "$0")/.."
events=${EVENTS:-5000}
build=${BUILD:-native-release}
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

# The receiver: a threaded HTTP server that answers 200 and prints the rate once it has seen $events deliveries.
cat >"$work/receiver.py" <<'PY'
import http.server, socketserver, sys, threading, time
want = int(sys.argv[2]); seen = 0; first = None; lock = threading.Lock()
class Hook(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        global seen, first
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
        with lock:
            now = time.monotonic(); first = first or now; seen += 1
            if seen == want:
                print(f"{want} events in {now - first:.2f} s: {(want - 1) / max(now - first, 1e-9):.0f} events/s", flush=True)
    def log_message(self, *args): pass
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer): daemon_threads = True
s = Server(("127.0.0.1", 0), Hook)
open(sys.argv[1], "w").write(str(s.server_address[1]))
s.serve_forever()
PY
python3 "$work/receiver.py" "$work/port" "$events" >"$work/receiver.out" &
pids+=($!)
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$work/port")/hook"
cat >"$work/config.json" <<JSON
{"webhooks": [{"url": "$url", "secret": "bench-secret"}], "webhook_allow_private": true,
 "outbox": {"poll_ms": 50}, "synchronous": "${SYNCHRONOUS:-full}"}
JSON

# Create and migrate the database, then fill the outbox while no server runs.
"$bin" serve --db "$work/bench.db" --config "$work/config.json" --port 0 --access-log off >"$work/serve0.out" 2>&1 &
pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve0.out" 2>/dev/null && break; sleep 0.1; done
kill -TERM "$pid"; wait "$pid" || true
python3 - "$work/bench.db" "$url" "$events" <<'PY'
import json, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1]); now = int(time.time() * 1000)
payload = json.dumps({"id": "1", "thread": "bench", "parent": None, "author": "Bench", "body": "x" * 300,
                      "status": "published", "created_ms": now, "reports": 0, "reasons": []})
db.executemany("INSERT INTO outbox (event, destination, thread, comment_id, payload, created_ms, next_attempt_ms) "
               "VALUES ('comment.published', ?, 'bench', ?, ?, ?, ?)",
               [(sys.argv[2], i + 1, payload, now, now) for i in range(int(sys.argv[3]))])
db.commit()
PY

"$bin" serve --db "$work/bench.db" --config "$work/config.json" --port 0 --access-log off >"$work/serve.out" 2>&1 &
pids+=($!)
for _ in $(seq 600); do [ -s "$work/receiver.out" ] && break; sleep 0.1; done
echo "build $build, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$work/receiver.out"

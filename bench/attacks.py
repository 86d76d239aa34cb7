#!/usr/bin/env python3
"""Runs the issue-15 attacks against a release `soundoff serve` on 127.0.0.1.

For each attack: what the attacker got back, the server's RSS growth (VmRSS
from /proc, the peak sampled every 20 ms while the attack runs) and the worst
latency of a normal reader that keeps reading a count while it runs. Every
attack is bounded in count and time; only 127.0.0.1 is contacted.

  bench/attacks.py                     # builds native-release, runs every attack
  BIN=path/to/soundoff bench/attacks.py  # another binary (e.g. a build of an older commit)
  ONLY=chunked,trickle bench/attacks.py  # some attacks
"""
import gzip
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build():
    subprocess.run(["cmake", "--preset", "native-release"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", "--preset", "native-release", "-j", "2", "--target", "soundoff"], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, "build/native-release/native/soundoff")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


class Server:
    def __init__(self, binary, work):
        web = os.path.join(work, "web")
        os.makedirs(web, exist_ok=True)
        line = "console.log('a widget file of the size of a real bundle with its source map');\n"
        with open(os.path.join(web, "big.js"), "w") as f:
            f.write(line * (1_600_000 // len(line)))
        comments, n = [], 0
        for t in range(1000):  # 1,000 threads with two replies each
            n += 1
            top = n
            comments.append({"id": str(top), "author": f"r{t % 97}", "created": 1378760000 + n, "body": "w" * 180})
            for _ in range(2):
                n += 1
                comments.append({"id": str(n), "author": "s", "created": 1378760000 + n, "parent": str(top),
                                 "body": "r" * 180})
        seed = os.path.join(work, "seed.json")
        with open(seed, "w") as f:
            json.dump({"thread": "big", "comments": comments}, f)
        config = os.path.join(work, "config.json")
        with open(config, "w") as f:
            # The attacker plays three readers through X-Forwarded-For, as three visitors of a hostile page would be.
            json.dump({"demo_thread": "big", "rate_limits": False, "access_log": "off",
                       "trusted_proxies": ["127.0.0.1"]}, f)
        self.proc = subprocess.Popen([binary, "serve", "--db", os.path.join(work, "a.db"), "--config", config,
                                      "--seed", seed, "--static", web, "--port", "0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        self.port = int(re.search(r":(\d+)/", line).group(1))
        self.get("/api/threads/big/comments?per_page=1000")  # assemble and cache the big thread
        status, body = self.post("/api/threads/t/comments", b'{"author":"ann","body":"A comment attackers want gone."}')
        self.comment = json.loads(body)["id"]
        self.comment_status = json.loads(body)["status"]

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path, headers=None, timeout=10):
        req = urllib.request.Request(self.url(path), headers=headers or {})
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()

    def post(self, path, body, content_type="application/json", headers=None):
        # A browser's User-Agent: the spam check holds comments from automated clients.
        req = urllib.request.Request(self.url(path), data=body, method="POST",
                                     headers={"Content-Type": content_type, "User-Agent": "Mozilla/5.0 (X11; Linux)",
                                              **(headers or {})})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def raw(port, data, timeout=10.0, read_limit=1 << 26):
    """Sends bytes, returns (status line, bytes received) until close or timeout."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(data)
        got = b""
        while len(got) < read_limit:
            chunk = s.recv(1 << 16)
            if not chunk:
                break
            got += chunk
    except OSError:
        pass
    finally:
        s.close()
    return got.split(b"\r\n", 1)[0].decode(errors="replace"), len(got)


def measure(server, attack):
    """Runs attack() while sampling RSS and a normal reader's latency; returns (result, rss growth MiB, worst ms)."""
    base = rss_kib(server.proc.pid)
    peak = [base]
    worst = [0.0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], rss_kib(server.proc.pid))
            time.sleep(0.02)

    def reader():
        while not done.is_set():
            start = time.monotonic()
            try:
                server.get("/api/threads/t/count", timeout=10)
                ms = (time.monotonic() - start) * 1000
            except OSError:
                ms = 10000.0
            worst[0] = max(worst[0], ms)
            time.sleep(0.05)

    threads = [threading.Thread(target=sample), threading.Thread(target=reader)]
    for t in threads:
        t.start()
    try:
        result = attack()
    finally:
        done.set()
        for t in threads:
            t.join()
    return result, (peak[0] - base) / 1024, worst[0]


def chunked(server):
    s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    s.sendall(b"POST /api/threads/t/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"10000\r\n" + b"x" * 0x10000 + b"\r\n"
    sent = 0
    try:
        s.setblocking(False)
        while sent < 300 << 20:
            try:
                if s.recv(1 << 16, socket.MSG_PEEK):
                    break  # the server answered
            except BlockingIOError:
                pass
            try:
                s.send(chunk)
                sent += len(chunk)
            except BlockingIOError:
                time.sleep(0.001)
        s.setblocking(True)
        s.settimeout(5)
        answer = s.recv(200).split(b"\r\n", 1)[0].decode()
    except OSError as e:
        answer = f"connection error ({e.__class__.__name__})"
    finally:
        s.close()
    return f"{answer}; sent {sent >> 20} MiB of a 300 MiB body"


def gzip_body(server):
    # Under the 64 KiB body limit, as much as deflate's ~1000:1 allows.
    body = gzip.compress(b"[" + b" " * (63 << 20) + b"]", 9)
    status, _ = raw(server.port, b"POST /api/threads/t/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json"
                    b"\r\nContent-Encoding: gzip\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    return f"{status}; {len(body) >> 10} KiB inflating to 63 MiB"


def ranges(server):
    header = "bytes=0-" + ",0-" * 1499
    statuses, total = set(), 0
    for _ in range(10):
        status, size = raw(server.port, f"GET /big.js HTTP/1.1\r\nHost: x\r\nRange: {header}\r\nConnection: close\r\n"
                           "\r\n".encode())
        statuses.add(status)
        total += size
    return f"{', '.join(sorted(statuses))}; {total / 10 / 1e6:.1f} MB per response (file 1.6 MB)"


def cross_site_report(server):
    codes = []
    for ip in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        code, _ = server.post(f"/api/comments/{server.comment}/report", b"", "text/plain",
                              {"Origin": "https://evil.example", "X-Forwarded-For": ip})
        codes.append(str(code))
    total = json.loads(server.get("/api/threads/t/comments")[1])["total"]
    return f"comment {server.comment_status}; report statuses {' '.join(codes)}; still shown afterwards: {total == 1}"


def trickle(server):
    conns = []
    for _ in range(300):
        s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
        s.sendall(b"GET /api/threads/t/comments HTTP/1.1\r\nHost: 1")
        conns.append(s)
    end = time.monotonic() + 5
    closed = 0
    while time.monotonic() < end:
        for s in conns:
            try:
                s.send(b"1")
            except OSError:
                pass
        time.sleep(0.1)
    for s in conns:
        s.close()
    return f"300 connections, a byte per 100 ms for 5 s"


def memo(server):
    sizes = 0
    for i in range(1, 201):
        _, body = server.get(f"/api/threads/big/comments?per_page=1000&max_replies={i}", timeout=30)
        sizes += len(body)
    return f"200 variants of the 1,000-thread page ({sizes / 200 / 1e6:.1f} MB each)"


def counts(server):
    for r in range(20):
        body = json.dumps({"threads": [f"thread-{r}-{i}" for i in range(200)]}).encode()
        server.post("/api/counts", body)
    same = json.dumps({"threads": ["t"] * 200}).encode()
    start = time.monotonic()
    for _ in range(50):
        server.post("/api/counts", same)
    return f"20 x 200 distinct keys; 50 x one key 200 times: {(time.monotonic() - start) * 20:.1f} ms each"


ATTACKS = [("chunked", "chunked POST body of 300 MB", chunked),
           ("gzip", "gzip request body under the limit (62 KiB -> 63 MiB)", gzip_body),
           ("ranges", "Range with 1,500 ranges on a 1.6 MB file", ranges),
           ("report", "cross-site text/plain reports from 3 addresses", cross_site_report),
           ("trickle", "300 trickling connections", trickle),
           ("memo", "200 page variants (max_replies)", memo),
           ("counts", "/api/counts floods", counts)]


def main():
    binary = os.environ.get("BIN") or build()
    only = set(filter(None, os.environ.get("ONLY", "").split(",")))
    print(f"binary: {binary}")
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
    print()
    print("| attack | what the attacker got | server RSS growth (peak) | reader's worst latency |")
    print("|---|---|---|---|")
    for key, title, attack in ATTACKS:
        if only and key not in only:
            continue
        with tempfile.TemporaryDirectory() as work:
            server = Server(binary, work)
            try:
                result, growth, worst = measure(server, lambda: attack(server))
            except Exception as e:  # the server died or refused in a way the attack did not expect
                result, growth, worst = f"attack failed: {e.__class__.__name__}: {e}", float("nan"), float("nan")
            alive = server.proc.poll() is None
            server.stop()
        print(f"| {title} | {result}{'' if alive else ' (server died)'} | {growth:+.0f} MiB | {worst:.0f} ms |",
              flush=True)


if __name__ == "__main__":
    sys.exit(main())

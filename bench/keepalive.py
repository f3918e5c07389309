#!/usr/bin/env python3
"""Times GET requests over one keep-alive HTTP/1.1 connection per engine, on unix sockets, paired.
Usage: keepalive.py N SOCKET_A SOCKET_B PATH...
For each path: WARMUP (200) warm-up requests on each engine (the JIT needs them; dockerd is compiled ahead), then N rounds of one request to A and one to B, alternating,
so load on the machine falls on both alike. The body is read whole: the time is the full answer.
Prints one line per path: `path a_median a_p10 a_p90 b_median b_p10 b_p90 ratio(a/b)`, times in µs."""
import http.client, os, socket, statistics, sys, time

class UnixConn(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost")
        self.unix_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.unix_path)

def timed_get(conn, path):
    t0 = time.perf_counter_ns()
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    t = (time.perf_counter_ns() - t0) / 1000
    if r.status >= 400:
        raise SystemExit(f"{path}: HTTP {r.status} {body[:200]!r}")
    return t

def stats(t):
    q = statistics.quantiles(t, n=10)
    return f"{statistics.median(t):.0f} {q[0]:.0f} {q[-1]:.0f}"

def main():
    n, a_sock, b_sock, paths = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
    a, b = UnixConn(a_sock), UnixConn(b_sock)
    for p in paths:
        for _ in range(int(os.environ.get('WARMUP', '200'))):
            timed_get(a, p)
            timed_get(b, p)
        ta, tb = [], []
        for _ in range(n):
            ta.append(timed_get(a, p))
            tb.append(timed_get(b, p))
        ratio = statistics.median(ta) / statistics.median(tb)
        print(f"{p} {stats(ta)} {stats(tb)} {ratio:.2f}", flush=True)

main()

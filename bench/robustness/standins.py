#!/usr/bin/env python3
"""Hostile stand-ins on loopback for bench/robustness/run.sh (issue 12). Each binds a free port on 127.0.0.1,
writes it to PORTFILE and serves until killed.

  standins.py dns PORTFILE   every question gets a stray reply first (the wrong ID), then garbage, then the real
                             answer (A: 192.0.2.1; other types: no data) -- RFC 5452's off-path sender
  standins.py http PORTFILE  /echo/...  401 with the request line and every header echoed in the body (an
                                        Authorization header, a key in the query: all of it comes back)
                             /retry/... 429 with Retry-After: 99999999999 (beyond 2^31 seconds)
"""
import http.server
import socket
import socketserver
import struct
import sys


def dns(portfile):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    open(portfile, "w").write(str(s.getsockname()[1]))
    while True:
        q, peer = s.recvfrom(4096)
        if len(q) < 17:
            continue
        qid, = struct.unpack(">H", q[:2])
        i = 12
        while i < len(q) and q[i] != 0:
            i += 1 + q[i]
        question = q[12:i + 5]
        qtype, = struct.unpack(">H", q[i + 1:i + 3])
        answers = b""
        if qtype == 1:
            answers = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 300, 4) + bytes([192, 0, 2, 1])
        header = struct.pack(">HHHHHH", qid, 0x8180, 1, 1 if answers else 0, 0, 0)
        real = header + question + answers
        s.sendto(struct.pack(">H", qid ^ 0xFFFF) + real[2:], peer)  # the wrong ID
        s.sendto(b"\x00\x01garbage", peer)                           # not DNS at all
        s.sendto(real, peer)


class Echo(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/retry/"):
            body = b'{"error":"slow down"}'
            self.send_response(429)
            self.send_header("Retry-After", "99999999999")
        else:
            body = ("you sent: " + self.requestline + "\n" + str(self.headers)).encode("utf-8", "replace")
            self.send_response(401)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args):
        pass


def http_(portfile):
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Echo) as srv:
        open(portfile, "w").write(str(srv.server_address[1]))
        srv.serve_forever()


if __name__ == "__main__":
    {"dns": dns, "http": http_}[sys.argv[1]](sys.argv[2])

#!/usr/bin/env python3
"""A local EC2 instance metadata service (IMDSv2) for nodeprep's tests.

It speaks real HTTP/1.1 on 127.0.0.1 and follows IMDSv2's rules, so the client under test talks to
it exactly as it would talk to 169.254.169.254:

* PUT /latest/api/token needs X-aws-ec2-metadata-token-ttl-seconds (1..21600), else 400.
* Every GET needs X-aws-ec2-metadata-token with a token this server issued, else 401.
* Unknown paths, and /latest/user-data when no user data was given, answer 404.

Fault modes (all counted from the start of the run) let tests provoke each failure the client
must survive. The chosen port is printed as the first line on stdout. Each request is appended to
the request log as "METHOD PATH STATUS". The server exits by itself after --max-lifetime seconds
or as soon as its stdin is closed, so a crashed test run leaves nothing behind.
"""

import argparse
import os
import secrets
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN_PATH = "/latest/api/token"
TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds"
TOKEN_HEADER = "X-aws-ec2-metadata-token"
MALFORMED_TOKENS = {"empty": b"", "blank": b"   \n", "binary": b"tok\x00en\x07"}


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--user-data-file", help="bytes served at /latest/user-data (absent: 404)")
    parser.add_argument("--user-data-size", type=int,
                        help="serve this many bytes of '#' as user data instead of a file")
    parser.add_argument("--local-ipv4", default="10.0.0.1")
    parser.add_argument("--mac", default="02:00:00:00:00:01")
    parser.add_argument("--ipv6s", default="", help="comma-separated IPv6 addresses of the MAC")
    parser.add_argument("--request-log", help="file that gets one line per request")
    parser.add_argument("--max-lifetime", type=float, default=120.0)
    parser.add_argument("--refuse-for", type=float, default=0.0,
                        help="seconds during which the port is bound but not listening")
    parser.add_argument("--fail-count", type=int, default=0, help="answer N requests with --fail-status")
    parser.add_argument("--fail-from", type=int, default=1, help="number of the first failing request (1-based)")
    parser.add_argument("--fail-status", type=int, default=503)
    parser.add_argument("--hang-first", type=int, default=0,
                        help="accept the first N connections and never answer on them")
    parser.add_argument("--invalidate-tokens-after", type=int, default=0,
                        help="forget every issued token once request K has been answered")
    parser.add_argument("--truncate-first", type=int, default=0,
                        help="the first N metadata GETs announce more bytes than they send, then close")
    parser.add_argument("--delay", type=float, default=0.0,
                        help="seconds to wait before answering (every request, or those for --delay-path)")
    parser.add_argument("--delay-path", help="delay only the answers for this path")
    parser.add_argument("--fixed-token", help="issue this token instead of random ones")
    parser.add_argument("--redirect-to", help="answer metadata GETs with 307 and this Location")
    parser.add_argument("--reject-tokens", action="store_true", help="answer every GET with 401")
    parser.add_argument("--malformed-token", choices=sorted(MALFORMED_TOKENS),
                        help="answer token requests with this kind of unusable token")
    return parser.parse_args()


class MetadataState:
    """Everything the handlers share, guarded by one lock."""

    def __init__(self, options):
        self.options = options
        self.lock = threading.Lock()
        self.tokens = set()
        self.requests = 0
        self.connections = 0
        self.truncated = 0
        self.tokens_invalidated = False
        self.user_data = None
        if options.user_data_file:
            with open(options.user_data_file, "rb") as handle:
                self.user_data = handle.read()
        if options.user_data_size is not None:
            self.user_data = b"#" * options.user_data_size
        self.log = open(options.request_log, "a", encoding="utf-8") if options.request_log else None

    def next_request_number(self):
        with self.lock:
            self.requests += 1
            return self.requests

    def next_connection_number(self):
        with self.lock:
            self.connections += 1
            return self.connections

    def record(self, method, path, status):
        if self.log is None:
            return
        with self.lock:
            self.log.write(f"{method} {path} {status}\n")
            self.log.flush()

    def issue_token(self):
        token = self.options.fixed_token or secrets.token_urlsafe(40)
        with self.lock:
            self.tokens.add(token)
        return token

    def token_is_valid(self, token):
        if self.options.reject_tokens:
            return False
        with self.lock:
            return token in self.tokens

    def invalidate_tokens_once(self, request_number):
        limit = self.options.invalidate_tokens_after
        with self.lock:
            if limit and not self.tokens_invalidated and request_number >= limit:
                self.tokens.clear()
                self.tokens_invalidated = True

    def take_truncation(self):
        with self.lock:
            if self.truncated < self.options.truncate_first:
                self.truncated += 1
                return True
            return False

    def metadata(self, path):
        """The body for a metadata path, or None for 404."""
        options = self.options
        macs_prefix = f"/latest/meta-data/network/interfaces/macs/{options.mac}/"
        if path == "/latest/user-data":
            return self.user_data
        if path == "/latest/meta-data/local-ipv4":
            return options.local_ipv4.encode()
        if path == "/latest/meta-data/mac":
            return options.mac.encode()
        if path == macs_prefix + "ipv6s" and options.ipv6s:
            return "\n".join(options.ipv6s.split(",")).encode()
        return None


class MetadataHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Without this, a keep-alive client waits ~40 ms for every second request (Nagle + delayed ACK).
    disable_nagle_algorithm = True
    state = None  # set in main()

    def log_message(self, format, *args):  # noqa: A002 - quiet stderr; the request log is the record
        pass

    def handle(self):
        if self.state.next_connection_number() <= self.state.options.hang_first:
            self.hold_without_answering()
            return
        super().handle()

    def hold_without_answering(self):
        """Read and drop whatever the client sends until it gives up and closes."""
        try:
            while self.connection.recv(65536):
                pass
        except OSError:
            pass
        self.close_connection = True

    def do_PUT(self):
        self.answer_request()

    def do_GET(self):
        self.answer_request()

    def do_POST(self):
        self.answer_request()

    def answer_request(self):
        self.discard_request_body()
        number = self.state.next_request_number()
        status, body, truncate = self.decide(number)
        options = self.state.options
        if options.delay > 0 and options.delay_path in (None, self.path):
            time.sleep(options.delay)
        self.state.record(self.command, self.path, status)
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        if status == 307:
            self.send_header("Location", options.redirect_to)
        if truncate:
            self.send_header("Content-Length", str(len(body) + 100))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                # The client stopped reading and closed: logged, so tests can tell it stopped early.
                self.state.record(self.command, self.path, "closed by the client before the end of the body")
                self.close_connection = True
        self.state.invalidate_tokens_once(number)

    def discard_request_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)

    def decide(self, number):
        """(status, body, truncate) for this request, faults first, then IMDSv2's rules."""
        options = self.state.options
        if options.fail_from <= number < options.fail_from + options.fail_count:
            return options.fail_status, b"injected failure\n", False
        if self.path == TOKEN_PATH:
            return self.decide_token()
        if self.command != "GET":
            return 405, b"", False
        if not self.state.token_is_valid(self.headers.get(TOKEN_HEADER)):
            return 401, b"", False
        if options.redirect_to:
            return 307, b"moved\n", False
        body = self.state.metadata(self.path)
        if body is None:
            return 404, b"Not Found", False
        return 200, body, self.state.take_truncation()

    def decide_token(self):
        if self.command != "PUT":
            return 405, b"", False
        ttl = self.headers.get(TTL_HEADER)
        if ttl is None or not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
            return 400, b"", False
        if self.state.options.malformed_token:
            return 200, MALFORMED_TOKENS[self.state.options.malformed_token], False
        return 200, self.state.issue_token().encode(), False


def exit_when_stdin_closes():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


def exit_after(seconds):
    time.sleep(seconds)
    os._exit(0)


def main():
    options = parse_arguments()
    MetadataHandler.state = MetadataState(options)
    server = ThreadingHTTPServer(("127.0.0.1", 0), MetadataHandler, bind_and_activate=False)
    server.daemon_threads = True
    server.server_bind()
    threading.Thread(target=exit_after, args=(options.max_lifetime,), daemon=True).start()
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    if options.refuse_for > 0:
        # Bound but not listening: connections are refused until server_activate() calls listen().
        print(server.server_address[1], flush=True)
        time.sleep(options.refuse_for)
        server.server_activate()
    else:
        server.server_activate()
        print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""A small IMDSv2 for the VM test: token first, then metadata and user data.

PUT /latest/api/token needs X-aws-ec2-metadata-token-ttl-seconds (1..21600) and returns a
token; every GET needs that token in X-aws-ec2-metadata-token and gets 401 without it, as
the real service does. Each request is logged as one line (method, path, status) so the
test can show what the guest asked for.

    fake_imds.py --port 18169 --user-data FILE --local-ipv4 169.254.0.15 --log imds.log
"""
import argparse
import http.server
import json
import secrets
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user-data", required=True, help="file served as-is at /latest/user-data")
    parser.add_argument("--local-ipv4", required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()

    with open(args.user_data, "rb") as f:
        user_data = f.read()
    token = secrets.token_urlsafe(32)
    metadata = {
        "/latest/user-data": user_data,
        "/latest/meta-data/local-ipv4": args.local_ipv4.encode(),
        "/latest/meta-data/instance-id": b"i-0e2e0e2e0e2e0e2e0",
        "/latest/meta-data/instance-type": b"m5.large",
        "/latest/meta-data/placement/region": b"eu-west-1",
        "/latest/meta-data/placement/availability-zone": b"eu-west-1a",
        "/latest/dynamic/instance-identity/document": json.dumps({
            "instanceId": "i-0e2e0e2e0e2e0e2e0",
            "instanceType": "m5.large",
            "region": "eu-west-1",
            "availabilityZone": "eu-west-1a",
            "privateIp": args.local_ipv4,
        }).encode(),
    }
    log = open(args.log, "a", buffering=1)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Without this, a second request on a kept-alive connection waits ~40 ms (Nagle).
        disable_nagle_algorithm = True

        def reply(self, status, body=b""):
            log.write(f"{self.command} {self.path} {status}\n")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_PUT(self):
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            if self.path != "/latest/api/token":
                return self.reply(404)
            ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds", "")
            if not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
                return self.reply(400)
            self.reply(200, token.encode())

        def do_GET(self):
            if self.headers.get("X-aws-ec2-metadata-token") != token:
                return self.reply(401)
            body = metadata.get(self.path)
            if body is None:
                return self.reply(404)
            self.reply(200, body)

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"fake IMDS on 127.0.0.1:{args.port}", file=sys.stderr)
    server.serve_forever()


if __name__ == "__main__":
    main()

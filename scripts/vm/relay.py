#!/usr/bin/env python3
"""Joins qemu's guest-forward pipe (stdin/stdout) to a TCP port on host loopback.

slirp starts one relay per guest connection (`guestfwd=...-cmd:relay.py HOST PORT`). Its
stderr is the guest's socket too, so nothing may be printed: on any failure the relay just
exits, and the guest sees the connection reset.
"""
import os
import select
import socket
import sys


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    try:
        upstream = socket.create_connection((host, port), timeout=5)
    except OSError:
        return
    upstream.settimeout(None)
    guest_in, guest_out = sys.stdin.fileno(), sys.stdout.fileno()
    open_sides = {guest_in, upstream.fileno()}
    while open_sides:
        readable, _, _ = select.select(list(open_sides), [], [])
        for fd in readable:
            if fd == guest_in:
                data = os.read(guest_in, 65536)
                if data:
                    upstream.sendall(data)
                else:
                    upstream.shutdown(socket.SHUT_WR)
                    open_sides.discard(guest_in)
            else:
                data = upstream.recv(65536)
                if not data:
                    return
                os.write(guest_out, data)


if __name__ == "__main__":
    try:
        main()
    except OSError:
        pass

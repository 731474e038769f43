#!/usr/bin/env python3
"""Kills `nodeprep init` with SIGKILL at random moments and checks what it leaves behind.

The node starts with a user's containerd config.toml and a certs.d folder of registry hosts (with a
CA file), and the user data asks for a mirror over 40 registries with prependExisting, so a run
backs the folder up, writes some fifty files and copies the CA files: many steps to be caught in.

A clean run on a copy of that node gives the reference result. Then, again and again, nodeprep is
started and killed: every other kill after a random delay spread over a whole run, the others
aimed at the writing: a random delay within the write phase after nodeprep logs its plan (the
line "... config.toml based on ..."), which comes right before the first write. Every fourth run
starts from the initial node; the others start from whatever the last kill left, as after a crash
and a reboot. Run and write-phase lengths are measured first and updated from every run that ends
before its kill. After every kill:

* every path holds what it held before that run, or what the reference holds (absence included),
  with two exceptions: during the first run's backup an old entry of certs.d may be absent while
  its unchanged contents sit in `.nodeprep-backup-staging` or `_backup` (the new file is not
  written yet), and nodeprep's temporary files (`.nodeprep-*.tmp`, never a name containerd
  reads) may be left;
* `containerd --config config.toml config dump` accepts config.toml (each distinct content once).

Finally one run without a kill must produce exactly the reference tree, temporary files included
(none may remain). Prints one JSON summary line; exits 1 when anything was violated.
"""

import argparse
import json
import os
import random
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crash_checks import Checker, snapshot  # noqa: E402  (the folder is not a package)

NODE_IP = "10.44.0.7"
REGISTRIES = ["docker.io", "ghcr.io", "quay.io"] + [f"r{index:02d}.example.com" for index in range(37)]

USER_CONFIG = """version = 2
root = "/var/lib/containerd"

[plugins."io.containerd.grpc.v1.cri"]
sandbox_image = "registry.k8s.io/pause:3.9"

[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
SystemdCgroup = true
"""

EXISTING_HOSTS = {
    "docker.io/hosts.toml": "server = 'https://registry-1.docker.io'\n\n[host.'https://mirror.corp.example']\n"
                            "capabilities = ['pull', 'resolve']\n",
    "ghcr.io/hosts.toml": "server = 'https://ghcr.io'\n\n[host.'https://ghcr-cache.corp.example']\n"
                          "capabilities = ['pull']\nca = '/etc/containerd/certs.d/ghcr.io/corp-ca.crt'\n",
    "ghcr.io/corp-ca.crt": "-----BEGIN CERTIFICATE-----\nMIIBcorp\n-----END CERTIFICATE-----\n",
    "quay.io/hosts.toml": "server = 'https://quay.io'\n",
    "old.example/hosts.toml": "server = 'https://old.example'\n",
}


def user_data():
    registries = "".join(f"\n  - https://{name}" for name in REGISTRIES)
    parts = [
        ("application/node.eks.aws", """apiVersion: node.eks.aws/v1alpha1
kind: NodeConfig
spec:
  containerd:
    config: |
      [plugins."io.containerd.grpc.v1.cri"]
      max_concurrent_downloads = 9
    baseRuntimeSpec:
      process:
        rlimits:
        - type: RLIMIT_NOFILE
          soft: 4096
          hard: 8192
"""),
        ("application/vnd.nodeprep+yaml", f"""apiVersion: nodeprep.dev/v1alpha1
kind: MirrorConfig
spec:
  registries:{registries}
  targets: ["http://${{NODE_IP}}:30020"]
  prependExisting: true
"""),
    ]
    text = 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="//"\n\n'
    for content_type, body in parts:
        text += f"--//\nContent-Type: {content_type}\n\n{body}\n"
    return (text + "--//--\n").encode()


PLAN_MARKER = "config.toml based on"


class LineReader:
    """Lines from a pipe, each waited for no later than a deadline (so a kill is never late)."""

    def __init__(self, stream):
        self.descriptor = stream.fileno()
        self.buffer = b""

    def next_line(self, deadline):
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.descriptor], [], [], remaining)[0]:
                return None
            chunk = os.read(self.descriptor, 65536)
            if not chunk:
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode(errors="replace")


def make_initial_node(root):
    (root / "etc/containerd").mkdir(parents=True)
    (root / "etc/containerd/config.toml").write_text(USER_CONFIG)
    for relative, text in EXISTING_HOSTS.items():
        path = root / "etc/containerd/certs.d" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def wait_for_group_gone(group, limit=10.0):
    """Waits until no live process is left in process group `group` (a killed worker may finish
    the system call it is in before it dies)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        alive = False
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                alive = True
                break
        if not alive:
            return
        time.sleep(0.005)
    raise SystemExit(f"process group {group} still has live processes {limit} s after SIGKILL")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodeprep", required=True)
    parser.add_argument("--containerd", default="/usr/bin/containerd")
    parser.add_argument("--kills", type=int, default=100, help="kills that must land while nodeprep runs")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    return parser.parse_args()


def main():
    options = parse_arguments()
    rng = random.Random(options.seed)
    work = Path(tempfile.mkdtemp(prefix="nodeprep-crash."))
    server_script = Path(__file__).with_name("imds_server.py")
    (work / "user-data").write_bytes(user_data())
    server = subprocess.Popen(
        [sys.executable, str(server_script), "--user-data-file", str(work / "user-data"), "--local-ipv4", NODE_IP,
         "--max-lifetime", "600"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL)  # a killed client makes it print broken-pipe tracebacks
    environment = {key: value for key, value in os.environ.items() if key not in ("NOTIFY_SOCKET", "JOURNAL_STREAM")}
    environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = f"http://127.0.0.1:{int(server.stdout.readline())}"
    environment.pop("AWS_EC2_METADATA_DISABLED", None)
    initial, root = work / "initial", work / "root"
    make_initial_node(initial)
    checker = Checker(options.containerd, work)

    def fresh_root():
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(initial, root, symlinks=True)

    def start():
        # A process group of its own: nodeprep's supervisor and its worker die together, as in a
        # power loss.
        return subprocess.Popen([options.nodeprep, "init", "--root", str(root), "--containerd-version", "1.7.20"],
                                env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, start_new_session=True)

    def wait_for_plan(process, limit):
        """Seconds until nodeprep logged its plan (it writes next); None if it did not within `limit`."""
        started = time.monotonic()
        reader = LineReader(process.stderr)
        while (line := reader.next_line(started + limit)) is not None:
            if PLAN_MARKER in line:
                return time.monotonic() - started
        return None

    def complete_run(label):
        process = start()
        started = time.monotonic()
        planned = wait_for_plan(process, 60)
        output = process.stderr.read()
        if process.wait(timeout=60) != 0 or planned is None:
            raise SystemExit(f"{label}: nodeprep failed or logged no plan:\n" + output.decode())
        return time.monotonic() - started, time.monotonic() - started - planned

    try:
        durations, write_phases = [], []
        for _ in range(5):
            fresh_root()
            duration, write_phase = complete_run("reference run")
            durations.append(duration)
            write_phases.append(write_phase)
        reference = snapshot(root)

        landed = {"before exit": 0, "after exit": 0}
        aimed_kills = {"logged its plan": 0}
        kill = 0
        while landed["before exit"] < options.kills and kill < 3 * options.kills:
            if kill % 4 == 0:
                fresh_root()
            before = snapshot(root)
            aimed = kill % 2 == 0
            process = start()
            started = time.monotonic()
            if aimed:
                write_phase = statistics.median(write_phases[-15:])
                planned = wait_for_plan(process, 60)
                delay = rng.uniform(0, write_phase)
                if planned is not None:
                    aimed_kills["logged its plan"] += 1
            else:
                delay = rng.uniform(0, statistics.median(durations[-15:]))
            try:
                process.wait(timeout=delay)
                elapsed = time.monotonic() - started
                durations.append(elapsed)
                if aimed and planned is not None:
                    write_phases.append(elapsed - planned)
                landed["after exit"] += 1
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                status = process.wait(timeout=60)
                wait_for_group_gone(process.pid)
                landed["before exit" if status == -signal.SIGKILL else "after exit"] += 1
            process.stderr.close()
            checker.check(f"kill {kill + 1} after {delay * 1000:.1f} ms", before, snapshot(root), reference, root)
            kill += 1

        complete_run("final run")
        final = snapshot(root)
        if final != reference:
            differing = sorted(path for path in set(final) | set(reference) if final.get(path) != reference.get(path))
            checker.violations.append(f"final run differs from a clean run at {differing[:5]}")
        summary = {
            "seed": options.seed, "kills": kill, "run_ms": round(statistics.median(durations[:5]) * 1000, 1),
            "write_phase_ms": round(statistics.median(write_phases[:5]) * 1000, 1),
            "aimed_at_the_write_phase": aimed_kills["logged its plan"],
            "killed_mid_run": landed["before exit"], "finished_before_kill": landed["after exit"],
            "kills_between_first_and_last_change": checker.mid_write,
            "kills_leaving_new_temporary_files": checker.new_temporaries,
            "backups_caught_in_progress": checker.backups_in_progress,
            "entries_absent_between_backup_and_write": checker.between_backup_and_write,
            "temporary_files_seen_after_kills": checker.temporaries_seen,
            "distinct_configs_checked_by_containerd": len(checker.accepted),
            "reference_files": len(reference), "violations": checker.violations[:20],
        }
        print(json.dumps(summary))
        return 1 if checker.violations or landed["before exit"] < options.kills else 0
    finally:
        server.stdin.close()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

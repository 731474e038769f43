#!/usr/bin/env python3
"""Judges the two VM boots from what their reporters wrote to the second serial port.

    check_report.py --success REPORT --failure REPORT --imds-log LOG --registry-log LOG

Prints one PASS/FAIL line per check, each boot's nodeprep story, and a closing
`N passed, N failed`; exits 1 if any check failed.
"""
import argparse
import json
import re
import sys

GUEST_ADDRESS = "169.254.0.15"
TIMEOUT_START_USEC = 90_000_000
MESSAGE_IDS = {
    "file-written": "8e5a9b1bac864cb48e5afd38df9b81c2",
    "mirror-configured": "3efc1dddb37d4217a9d0acfd41f7a213",
    "fatal-error": "0d9cf70e1be645a698b4ebd6e948a93b",
    "ready": "ccdf2c74ff9845118051f6d5b2b02bc3",
}
# The rlimits of the user data's second NodeConfig part (scripts/vm/user-data.mime).
PART_TWO_RLIMITS = [
    {"type": "RLIMIT_NOFILE", "soft": 20480, "hard": 40960},
    {"type": "RLIMIT_NPROC", "soft": 7777, "hard": 8888},
]

results = []


def check(name, passed, detail=""):
    results.append(bool(passed))
    line = f"{'PASS' if passed else 'FAIL'} {name}"
    if not passed and detail:
        line += f"\n     {detail}"
    print(line)


def read_sections(path):
    """Sections of a report: {name: text}, from '=== name' headers. Serial lines end in CRLF."""
    sections, name = {}, None
    try:
        text = open(path, encoding="utf-8", errors="replace").read().replace("\r", "")
    except FileNotFoundError:
        return sections
    for line in text.split("\n"):
        if line.startswith("=== "):
            name = line[4:].strip()
            sections[name] = []
        elif name is not None:
            sections[name].append(line)
    return {key: "\n".join(lines).strip() for key, lines in sections.items()}


def unit_properties(text):
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def journal_entries(text):
    entries = []
    for line in text.splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:
            pass
    return entries


def entries_with(entries, event):
    return [e for e in entries if e.get("MESSAGE_ID") == MESSAGE_IDS[event]]


def number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


# What libcurl (under URLSession) and libdispatch print when the unit's sandbox gets in their
# way: a refused system call, address family or thread priority.
LIBRARY_WARNING = re.compile(r"curl|dispatch|thread priority|URLSession|Foundation", re.I)


def check_no_library_warnings(entries):
    """journalctl -u nodeprep must show nodeprep's native entries and systemd's, nothing else."""
    stray = [e.get("MESSAGE") for e in entries
             if e.get("_TRANSPORT") != "journal"
             or (e.get("SYSLOG_IDENTIFIER") not in ("systemd", "nodeprep")
                 and LIBRARY_WARNING.search(str(e.get("MESSAGE", ""))))]
    check("journal: no warnings from libcurl or libdispatch (no stderr output at all)", not stray, stray)


def print_story(title, sections):
    print(f"--- {title}: journalctl -u nodeprep -o cat")
    for line in (sections.get("nodeprep-story") or "(nothing)").splitlines():
        print(f"    {line}")


def check_success_boot(s, imds_log, registry_log):
    print("# boot with IMDS")
    check("report written", "end" in s, "the reporter did not finish; see the console log")
    check(f"guest address is {GUEST_ADDRESS}, the IMDS local-ipv4",
          f"inet {GUEST_ADDRESS}/" in s.get("address", ""), s.get("address"))

    nodeprep = unit_properties(s.get("nodeprep-unit", ""))
    containerd = unit_properties(s.get("containerd-unit", ""))
    check("nodeprep.service is active with Result=success",
          nodeprep.get("ActiveState") == "active" and nodeprep.get("Result") == "success",
          f"ActiveState={nodeprep.get('ActiveState')} Result={nodeprep.get('Result')}")
    check("nodeprep sent a READY status line", nodeprep.get("StatusText"), "StatusText is empty")
    check("containerd.service requires nodeprep.service",
          "nodeprep.service" in containerd.get("Requires", "").split(), containerd.get("Requires"))
    ready_at = number(nodeprep.get("ActiveEnterTimestampMonotonic"))
    containerd_start = number(containerd.get("InactiveExitTimestampMonotonic"))
    check("nodeprep was ready before containerd started",
          0 < ready_at <= containerd_start,
          f"nodeprep ready at {ready_at} us, containerd started at {containerd_start} us (monotonic)")
    check("containerd.service is active", containerd.get("ActiveState") == "active",
          f"ActiveState={containerd.get('ActiveState')}")

    entries = journal_entries(s.get("nodeprep-json", ""))
    own = [e for e in entries if e.get("SYSLOG_IDENTIFIER") == "nodeprep"]
    check("journal has nodeprep's native entries (SYSLOG_IDENTIFIER=nodeprep, _TRANSPORT=journal)",
          [e for e in own if e.get("_TRANSPORT") == "journal"], "no native entry")
    stray = [e.get("MESSAGE") for e in own if e.get("_TRANSPORT") != "journal"]
    check("nothing from nodeprep reached the journal through stderr", own and not stray, stray)
    written = [e for e in entries_with(own, "file-written")
               if e.get("NODEPREP_PATH") == "/etc/containerd/config.toml"]
    check("journal: file-written entry with NODEPREP_PATH=/etc/containerd/config.toml", written)
    check("journal: mirror-configured entry", entries_with(own, "mirror-configured"))
    check("journal: ready entry", entries_with(own, "ready"))
    check_no_library_warnings(entries)

    dump = s.get("config-dump", "")
    check("containerd config dump: discard_unpacked_layers = false",
          re.search(r"^\s*discard_unpacked_layers\s*=\s*false\s*$", dump, re.M))
    check('containerd config dump: config_path = "/etc/containerd/certs.d"',
          re.search(r'^\s*config_path\s*=\s*"/etc/containerd/certs\.d"\s*$', dump, re.M))

    try:
        rlimits = json.loads(s.get("base-runtime-spec", "")).get("process", {}).get("rlimits", [])
    except ValueError:
        rlimits = None
    check("base-runtime-spec.json carries the second NodeConfig part's rlimits",
          rlimits is not None and all(r in rlimits for r in PART_TWO_RLIMITS), rlimits)

    hosts = s.get("hosts-toml", "")
    check(f"docker.io hosts.toml names the mirror at http://{GUEST_ADDRESS}:30020",
          re.search(r"""^\[host\.['"]http://169\.254\.0\.15:30020['"]\]""", hosts, re.M), hosts)
    check("docker.io hosts.toml keeps registry-1.docker.io as the server",
          re.search(r"""^server\s*=\s*['"]https://registry-1\.docker\.io['"]""", hosts, re.M), hosts)

    check("image pulled through the mirror", s.get("pull", "").endswith("rc=0"), s.get("pull"))
    # containerd adds ?ns=<upstream> only when it asks a mirror from hosts.toml.
    check("the host registry answered containerd's mirror requests for the tag and a blob",
          re.search(r'"(HEAD|GET) /v2/library/nodeprep-e2e/manifests/1\?ns=docker\.io HTTP/1\.1" 200', registry_log)
          and re.search(r'"GET /v2/library/nodeprep-e2e/blobs/sha256:[0-9a-f]{64}\?ns=docker\.io HTTP/1\.1" 200',
                        registry_log))
    check("IMDS: token requested, then user data", "PUT /latest/api/token 200" in imds_log
          and "GET /latest/user-data 200" in imds_log, imds_log.strip() or "(no request)")

    check("systemd-analyze verify nodeprep.service is clean", s.get("verify") == "rc=0", s.get("verify"))
    exposure = re.search(r"Overall exposure level for nodeprep\.service: ([0-9.]+)", s.get("security", ""))
    check("systemd-analyze security: exposure <= 3.0",
          exposure and float(exposure.group(1)) <= 3.0, exposure.group(0) if exposure else s.get("security"))
    if exposure:
        print(f"     exposure {exposure.group(1)}")
    check("no failed units", "end" in s and not s.get("failed-units"), s.get("failed-units"))
    print_story("boot with IMDS", s)


def check_failure_boot(s):
    print("# boot without IMDS")
    check("report written", "end" in s, "the reporter did not finish; see the console log")
    nodeprep = unit_properties(s.get("nodeprep-unit", ""))
    containerd = unit_properties(s.get("containerd-unit", ""))
    check("nodeprep.service failed with Result=exit-code (its own deadline, not systemd's)",
          nodeprep.get("ActiveState") == "failed" and nodeprep.get("Result") == "exit-code",
          f"ActiveState={nodeprep.get('ActiveState')} Result={nodeprep.get('Result')}")
    check("nodeprep exited with 69, its status for an unreachable IMDS",
          nodeprep.get("ExecMainStatus") == "69", f"ExecMainStatus={nodeprep.get('ExecMainStatus')}")
    ran = (number(nodeprep.get("ExecMainExitTimestampMonotonic"))
           - number(nodeprep.get("ExecMainStartTimestampMonotonic")))
    check("nodeprep gave up within TimeoutStartSec=90s", 0 < ran < TIMEOUT_START_USEC, f"ran {ran} us")
    print(f"     nodeprep ran {ran / 1e6:.1f} s")

    entries = journal_entries(s.get("nodeprep-json", ""))
    fatal = [e for e in entries_with(entries, "fatal-error") if number(e.get("PRIORITY")) <= 3]
    check("journal: a fatal-error entry (PRIORITY<=3) says why", fatal)
    check_no_library_warnings(entries)
    check("containerd never started (RequiredBy= holds it back)",
          containerd.get("ActiveState") == "inactive" and number(containerd.get("InactiveExitTimestampMonotonic")) == 0,
          f"ActiveState={containerd.get('ActiveState')} started at {containerd.get('InactiveExitTimestampMonotonic')}")
    check("journal: systemd reports the dependency failure for containerd",
          re.search(r"Dependency failed for .*containerd", s.get("boot-journal", ""), re.I),
          "no 'Dependency failed' line")
    print_story("boot without IMDS", s)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--success", required=True)
    parser.add_argument("--failure", required=True)
    parser.add_argument("--imds-log", required=True)
    parser.add_argument("--registry-log", required=True)
    args = parser.parse_args()

    def text(path):
        try:
            return open(path, encoding="utf-8", errors="replace").read()
        except FileNotFoundError:
            return ""

    check_success_boot(read_sections(args.success), text(args.imds_log), text(args.registry_log))
    check_failure_boot(read_sections(args.failure))
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()

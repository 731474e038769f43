#!/usr/bin/env python3
"""Judges the VM boots from what their reporters wrote to the second serial port.

    check_report.py --reports DIR --imds-log LOG --registry-log LOG

DIR holds one NAME.report.log per boot (with-imds, without-imds, al2023, bake-first, bake-second;
see scripts/e2e-vm).

Prints one PASS/FAIL line per check, each boot's nodeprep story, and a closing
`N passed, N failed`; exits 1 if any check failed.
"""
import argparse
import hashlib
import json
import os
import re
import sys

GUEST_ADDRESS = "169.254.0.15"
TIMEOUT_START_USEC = 90_000_000
MESSAGE_IDS = {
    "file-written": "8e5a9b1bac864cb48e5afd38df9b81c2",
    "mirror-configured": "3efc1dddb37d4217a9d0acfd41f7a213",
    "fatal-error": "0d9cf70e1be645a698b4ebd6e948a93b",
    "ready": "ccdf2c74ff9845118051f6d5b2b02bc3",
    "mirror-effective": "edb3272b72ce4c43a5b4dd3ed36e951a",
    "status-problem": "7b8c4c55829041068221d335cca48f7a",
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


def check_written(name, sections):
    check(name, "end" in sections, "the reporter did not finish; see the console log")


def check_rlimits(name, sections):
    """The base runtime spec of a report holds the user data's second NodeConfig part's rlimits."""
    try:
        rlimits = json.loads(sections.get("base-runtime-spec", "")).get("process", {}).get("rlimits", [])
    except ValueError:
        rlimits = None
    check(name, rlimits is not None and all(r in rlimits for r in PART_TWO_RLIMITS), rlimits)


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


def check_no_crash(name, sections):
    """nodeprep's unit must never end by a signal: its main process is a supervisor that runs
    `init` in a worker and runs a crashed worker again (a libdispatch race in URLSession's socket
    handling can crash it). So the checks are: systemd never saw the main process killed, and
    every worker crash was handled by the supervisor (its "init worker crashed" line: run again,
    or the deadline had passed, or too many crashes; the unit's own checks judge the outcome).
    The test image runs nodeprep under the Swift runtime's backtracer
    (scripts/vm/overlay/.../e2e-backtrace.conf), so a crash leaves its stack in the journal; a
    handled crash's stack is printed as a NOTE."""
    story = (sections.get("nodeprep-story") or "").splitlines()
    # systemd's own line counts too, should the backtracer fail to run.
    killed = [line for line in story if re.search(r"Main process exited, code=(killed|dumped)", line)]
    crashes = [i for i, line in enumerate(story) if "*** Program crashed" in line]
    handled = [i for i, line in enumerate(story) if "init worker crashed" in line]
    traces = []
    for start in crashes:
        trace = []
        for line in story[start:]:
            if line.startswith("Registers:"):
                break
            if line.strip():
                trace.append(line.rstrip())
        traces.append(trace[:40])
    unrecovered = [trace for start, trace in zip(crashes, traces) if not any(line > start for line in handled)]
    detail = killed + [line for trace in unrecovered for line in trace]
    check(name, not killed and not unrecovered, "\n     ".join(detail))
    for trace in traces if not unrecovered else []:
        print("NOTE a worker crash, handled by nodeprep's supervisor:\n     " + "\n     ".join(trace))


def print_story(title, sections):
    print(f"--- {title}: journalctl -u nodeprep -o cat")
    for line in (sections.get("nodeprep-story") or "(nothing)").splitlines():
        print(f"    {line}")
    print(f"--- {title}: journalctl -u nodeprep-status -o cat")
    for line in (sections.get("status-story") or "(nothing)").splitlines():
        print(f"    {line}")


def check_success_boot(s, imds_log, registry_log):
    print("# boot with IMDS")
    check_written("report written", s)
    check_no_crash("nodeprep did not crash (in any run this boot)", s)
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

    check_rlimits("base-runtime-spec.json carries the second NodeConfig part's rlimits", s)

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

    status_entries = journal_entries(s.get("status-json", ""))
    effective = [e for e in entries_with(status_entries, "mirror-effective") if number(e.get("PRIORITY")) == 6]
    check("journal: nodeprep-status.service logged \"mirror effective\" at info", effective,
          s.get("status-story") or "(no entry)")
    check("journal: nodeprep-status.service logged no problem", not entries_with(status_entries, "status-problem"),
          s.get("status-story"))
    check("nodeprep status exits 0", s.get("status", "").endswith("rc=0"), s.get("status"))

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
    check_written("report written", s)
    check_no_crash("nodeprep did not crash (in any run this boot)", s)
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
    problems = [e for e in entries_with(journal_entries(s.get("status-json", "")), "status-problem")
                if number(e.get("PRIORITY")) == 4]
    check("journal: nodeprep-status.service warned about the problems", problems, s.get("status-story") or "(no entry)")
    print_story("boot without IMDS", s)


MIRROR_SETTINGS = (
    (r"^\s*discard_unpacked_layers\s*=\s*false\s*$", "discard_unpacked_layers = false"),
    (r'^\s*config_path\s*=\s*"/etc/containerd/certs\.d"\s*$', 'config_path = "/etc/containerd/certs.d"'),
)
IMAGE_CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "overlay/etc/containerd/config.toml")


def check_mirror_settings(where, text):
    for pattern, shown in MIRROR_SETTINGS:
        check(f"{where}: {shown}", re.search(pattern, text, re.M), text)


def keyed_lines(text):
    """'key=value' lines of a section as a dict (the last one wins)."""
    return unit_properties(text)


def same_pair(value):
    """For 'before after' values: both numbers, equal."""
    parts = (value or "").split()
    return len(parts) == 2 and parts[0] == parts[1], value


def check_running_node_scenarios(s):
    print("# boot with IMDS: the running node")
    for case, title in (("foreign-writer", "bootstrap config.toml + restart"),
                        ("foreign-writer-without-imds", "the same with IMDS unreachable")):
        text = s.get(case, "")
        values = keyed_lines(text)
        check(f"{title}: systemctl restart containerd succeeded", values.get("restart-rc") == "0", text)
        check(f"{title}: containerd is active", values.get("containerd") == "active", text)
        check_mirror_settings(f"{title}: containerd config dump", text)
        check(f"{title}: nodeprep ran again onto the bootstrap file as its base",
              "config.toml based on the existing /etc/containerd/config.toml" in text, text)
        status_lines = [line for line in text.splitlines() if line.startswith("status-journal: ")]
        check(f"{title}: nodeprep-status.service checked again after the restart: mirror effective",
              any("mirror effective: " in line for line in status_lines), "\n".join(status_lines) or text)
    text = s.get("foreign-writer-without-imds", "")
    check("IMDS unreachable: user data and node address from this boot's copy",
          "user data: this boot's copy in /run/nodeprep/user-data, IMDS not asked" in text
          and "node address: this boot's copy in /run/nodeprep/node-address, IMDS not asked" in text, text)

    reinstall = keyed_lines(s.get("package-reinstall", ""))
    check("dpkg -i over the installed package: succeeded", reinstall.get("rc") == "0", reinstall)
    check("dpkg -i over the installed package: containerd's main PID unchanged",
          *same_pair(reinstall.get("containerd-pid")))
    check("dpkg -i over the installed package: nodeprep not run again", *same_pair(reinstall.get("nodeprep-started")))

    remove = keyed_lines(s.get("package-remove", ""))
    check("dpkg -r: succeeded", remove.get("rc") == "0", remove)
    check("dpkg -r: containerd still active, same main PID",
          remove.get("containerd") == "active" and same_pair(remove.get("containerd-pid"))[0], remove)
    check("dpkg -r: containerd no longer requires nodeprep.service",
          "nodeprep.service" not in remove.get("requires", "").split(), remove.get("requires"))
    check("dpkg -r: systemctl restart containerd still succeeds",
          remove.get("restart-rc") == "0" and remove.get("containerd-after-restart") == "active", remove)

    purge_text = s.get("package-purge", "")
    purge = keyed_lines(purge_text)
    check("dpkg -P: succeeded, containerd active", purge.get("rc") == "0" and purge.get("containerd") == "active", purge_text)
    check("dpkg -P: /var/lib/nodeprep and /run/nodeprep removed", "left:" not in purge_text, purge_text)

    install = keyed_lines(s.get("package-install", ""))
    check("dpkg -i on a running node: succeeded, unit enabled",
          install.get("rc") == "0" and install.get("enabled") == "enabled", install)
    started = (install.get("nodeprep-started") or "").split()
    check("dpkg -i on a running node: nodeprep not started",
          len(started) == 2 and number(started[1]) <= number(started[0]), install.get("nodeprep-started"))
    check("dpkg -i on a running node: containerd's main PID unchanged", *same_pair(install.get("containerd-pid")))
    check("dpkg -i on a running node: containerd requires nodeprep.service again",
          "nodeprep.service" in install.get("requires", "").split(), install.get("requires"))


def check_al2023_boot(s):
    print("# AL2023-shaped boot (nodeadm stand-ins, a drop-in in /etc/eks/nodeadm.d/)")
    check_written("report written", s)
    check_no_crash("nodeprep did not crash (in any run this boot)", s)
    config = unit_properties(s.get("nodeadm-config-unit", ""))
    run = unit_properties(s.get("nodeadm-run-unit", ""))
    check("nodeadm-config and nodeadm-run stand-ins succeeded",
          config.get("Result") == "success" and run.get("Result") == "success"
          and config.get("ActiveState") == "active" and run.get("ActiveState") == "active", (config, run))
    check("nodeadm-run rendered config.toml again and restarted containerd",
          "restarted containerd (active)" in s.get("nodeadm-story", ""), s.get("nodeadm-story"))
    entries = [e for e in journal_entries(s.get("nodeprep-json", "")) if e.get("SYSLOG_IDENTIFIER") == "nodeprep"]
    first = min((number(e.get("__MONOTONIC_TIMESTAMP")) for e in entries), default=0)
    rendered = number(config.get("ActiveEnterTimestampMonotonic"))
    check("nodeprep ran after nodeadm-config", 0 < rendered <= first,
          f"nodeadm-config done at {rendered} us, nodeprep's first entry at {first} us")
    check("nodeprep ran again when nodeadm-run restarted containerd, from this boot's copy",
          len(entries_with(entries, "ready")) >= 2 and "IMDS not asked" in s.get("nodeprep-story", ""),
          s.get("nodeprep-story"))
    containerd = unit_properties(s.get("containerd-unit", ""))
    check("containerd.service is active", containerd.get("ActiveState") == "active", containerd.get("ActiveState"))
    check_mirror_settings("end of boot, containerd config dump", s.get("config-dump", ""))
    check_rlimits("base-runtime-spec.json carries the user data's rlimits, not nodeadm's", s)
    check("image pulled through the mirror", s.get("pull", "").endswith("rc=0"), s.get("pull"))
    check("no failed units", "end" in s and not s.get("failed-units"), s.get("failed-units"))
    print_story("AL2023-shaped boot", s)


def check_bake(first, second, fresh):
    print("# image bake: boot, nodeprep clean, boot the same disk for another instance")
    check_written("bake-first: report written", first)
    check_no_crash("bake-first: nodeprep did not crash", first)
    check("bake-first used its own user data and address (169.254.0.16:30021)",
          re.search(r"http://169\.254\.0\.16:30021", first.get("hosts-toml", "")), first.get("hosts-toml"))
    check("nodeprep clean succeeded", first.get("clean", "").endswith("rc=0"), first.get("clean"))
    after = first.get("node-files-after-clean", "")
    image_hash = hashlib.sha256(open(IMAGE_CONFIG, "rb").read()).hexdigest()
    check("after clean: config.toml is the image's again, no other file of nodeprep's is left",
          after.split() == [image_hash, "/etc/containerd/config.toml"], after)
    check_written("bake-second: report written", second)
    check_no_crash("bake-second: nodeprep did not crash", second)
    # last-run.json records when the run finished, so it is compared by presence only.
    run_record = "/var/lib/nodeprep/last-run.json"

    def files_besides_run_record(sections):
        lines = sections.get("node-files", "").splitlines()
        return [line for line in lines if not line.endswith(run_record)], any(l.endswith(run_record) for l in lines)

    (second_files, second_record), (fresh_files, fresh_record) = map(files_besides_run_record, (second, fresh))
    check("bake-second's files equal a fresh image's first boot with the same user data",
          second_files and second_files == fresh_files and second_record and fresh_record,
          f"cleaned image:\n{second.get('node-files')}\nfresh image:\n{fresh.get('node-files')}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", required=True, help="folder with NAME.report.log per boot")
    parser.add_argument("--imds-log", required=True)
    parser.add_argument("--registry-log", required=True)
    args = parser.parse_args()

    def text(path):
        try:
            return open(path, encoding="utf-8", errors="replace").read()
        except FileNotFoundError:
            return ""

    reports = {name: read_sections(os.path.join(args.reports, f"{name}.report.log"))
               for name in ("with-imds", "without-imds", "al2023", "bake-first", "bake-second")}
    check_success_boot(reports["with-imds"], text(args.imds_log), text(args.registry_log))
    check_running_node_scenarios(reports["with-imds"])
    check_failure_boot(reports["without-imds"])
    check_al2023_boot(reports["al2023"])
    check_bake(reports["bake-first"], reports["bake-second"], reports["with-imds"])
    passed = sum(results)
    print(f"{passed} passed, {len(results) - passed} failed")
    sys.exit(0 if passed == len(results) else 1)


if __name__ == "__main__":
    main()

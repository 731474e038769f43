"""What crash_test.py checks after each kill: a tree of files before, after and in the reference."""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

STAGING = ".nodeprep-backup-staging"


# The record of the last run carries its finishing time, so no two runs write the same bytes;
# it is written atomically after READY=1 and only `nodeprep status` reads it.
RUN_RECORD = "var/lib/nodeprep/last-run.json"


def snapshot(root):
    """Every file below root (relative path → bytes), but the run record; folders are implied."""
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            relative = str(path.relative_to(root))
            if relative != RUN_RECORD:
                files[relative] = path.read_bytes()
    return files


def is_temporary(relative):
    name = relative.rsplit("/", 1)[-1]
    return name.startswith(".nodeprep-") and name.endswith(".tmp")


class Checker:
    def __init__(self, containerd, work):
        self.containerd = containerd
        self.work = work
        self.accepted = set()
        self.violations = []
        self.temporaries_seen = 0
        self.backups_in_progress = 0
        self.between_backup_and_write = 0
        self.mid_write = 0
        self.new_temporaries = 0

    def check(self, label, before, after, reference, root):
        """Compares the tree left by a killed run with the tree before it and the reference."""
        certs = "etc/containerd/certs.d/"
        backup_pending = not any(path.startswith(certs + "_backup/") for path in before)
        staged = {path for path in after if path.startswith(certs + STAGING + "/")}
        if staged:
            self.backups_in_progress += 1
        changing = [path for path in set(before) | set(reference) if before.get(path) != reference.get(path)]
        done = sum(after.get(path) == reference.get(path) for path in changing)
        if 0 < done < len(changing):
            self.mid_write += 1
        if any(is_temporary(path) and path not in before for path in after):
            self.new_temporaries += 1
        for path in sorted(set(before) | set(after) | set(reference)):
            now = after.get(path)
            if is_temporary(path):
                self.temporaries_seen += now is not None
                continue
            if path in staged:
                original = certs + path[len(certs + STAGING + "/"):]
                if now not in (before.get(original), before.get(path)):
                    self.violations.append(f"{label}: {path} is not the backed-up {original}")
                continue
            if now in (before.get(path), reference.get(path)):
                continue
            if path.startswith(certs) and backup_pending and now is None:
                # The first run moves the folder's entries away (staging, then `_backup`) before it
                # writes the new ones: a kill in between leaves the entry absent, its old contents
                # kept in the backup. The next run writes it.
                relative = path[len(certs):]
                kept = [after.get(certs + folder + "/" + relative) for folder in (STAGING, "_backup")]
                if before.get(path) in kept or path not in before:
                    self.between_backup_and_write += 1
                    continue
            state = "missing" if now is None else f"{len(now)} bytes matching neither before nor after"
            self.violations.append(f"{label}: {path} is {state}")
        self.check_config(label, root)

    def check_config(self, label, root):
        config = root / "etc/containerd/config.toml"
        if not config.exists():
            self.violations.append(f"{label}: config.toml is missing")
            return
        digest = hashlib.sha256(config.read_bytes()).hexdigest()
        if digest in self.accepted:
            return
        copy = self.work / "dump-config.toml"
        shutil.copyfile(config, copy)
        dump = subprocess.run([self.containerd, "--config", str(copy), "config", "dump"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
        if dump.returncode != 0:
            self.violations.append(f"{label}: containerd refused config.toml: {dump.stderr.decode()[-300:]}")
        else:
            self.accepted.add(digest)

/// The OCI runtime spec every container starts from (`/etc/containerd/base-runtime-spec.json`):
/// the defaults nodeadm ships on EKS nodes — the runc default set of capabilities, masked and
/// read-only paths, standard mounts, and an `RLIMIT_NOFILE` of 65536 soft / 1048576 hard — with the
/// NodeConfig `containerd.baseRuntimeSpec` deep-merged over it (lists replace whole, so a user's
/// `process.rlimits` replaces the default list).
public enum BaseRuntimeSpec {
    public static let path = ContainerdTemplate.baseRuntimeSpecPath

    /// The file for the merged spec: 4-space indent and sorted keys, as nodeadm writes it.
    public static func file(merging userSpec: JSONValue?) -> PlannedFile {
        var spec = defaultSpec
        if let userSpec, !userSpec.isEmptyObject {
            var recorder = ProvenanceRecorder(provenance: Provenance(), origin: Origin(source: ""), positions: [:])
            spec.deepMerge(userSpec, at: "", recorder: &recorder)
        }
        return PlannedFile(path: path, text: spec.rendered(indent: 4) + "\n")
    }

    static var defaultSpec: JSONValue {
        let capabilities = JSONValue.strings([
            "CAP_AUDIT_WRITE", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_MKNOD",
            "CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID",
            "CAP_SYS_CHROOT",
        ])
        return .object([
            "ociVersion": .string("1.1.0"),
            "root": .object(["path": .string("rootfs")]),
            "process": .object([
                "cwd": .string("/"),
                "noNewPrivileges": .bool(true),
                "user": .object(["uid": .integer(0), "gid": .integer(0)]),
                "capabilities": .object([
                    "bounding": capabilities, "effective": capabilities, "permitted": capabilities,
                ]),
                "rlimits": .array([
                    .object(["type": .string("RLIMIT_NOFILE"), "soft": .integer(65536), "hard": .integer(1_048_576)])
                ]),
            ]),
            "mounts": .array([
                mount("/dev", type: "tmpfs", options: ["nosuid", "strictatime", "mode=755", "size=65536k"]),
                mount("/dev/mqueue", type: "mqueue", options: ["nosuid", "noexec", "nodev"]),
                mount(
                    "/dev/pts", type: "devpts",
                    options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
                mount("/proc", type: "proc", options: ["nosuid", "noexec", "nodev"]),
                mount("/sys", type: "sysfs", options: ["nosuid", "noexec", "nodev", "ro"]),
            ]),
            "linux": .object([
                "namespaces": .array(["ipc", "mount", "network", "pid", "uts"].map { .object(["type": .string($0)]) }),
                "maskedPaths": .strings([
                    "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
                    "/proc/sched_debug", "/proc/scsi", "/proc/timer_list", "/proc/timer_stats", "/sys/firmware",
                ]),
                "readonlyPaths": .strings(["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]),
                "resources": .object(["devices": .array([.object(["allow": .bool(false), "access": .string("rwm")])])]),
            ]),
        ])
    }

    /// A mount whose source is named like its type (`proc` on `/proc`, `tmpfs` on `/dev`).
    private static func mount(_ destination: String, type: String, options: [String]) -> JSONValue {
        .object([
            "destination": .string(destination), "type": .string(type), "source": .string(type),
            "options": .strings(options),
        ])
    }
}

extension JSONValue {
    static func strings(_ items: [String]) -> JSONValue {
        .array(items.map(JSONValue.string))
    }
}

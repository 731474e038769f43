import Glibc
import NodePrepCore

/// Finds the running containerd daemons that read a given config.toml, and when each started.
///
/// containerd writes no pid file, and systemd's `MainPID` needs D-Bus and knows nothing of a
/// `--root` tree, so `/proc` is scanned: a process named `containerd` (its `comm` and the file
/// name of `argv[0]`) with no subcommand (`containerd config dump` is not a daemon) whose
/// `--config`/`-c` (default `/etc/containerd/config.toml`, relative to its working folder)
/// is the file being judged. That ties each process to the file: a second containerd (Docker's
/// runs on `/var/run/docker/containerd/containerd.toml`) is not mistaken for the node's.
/// Reading `comm`, `cmdline` and `stat` needs no privilege; the working folder of another
/// user's process does, and is only needed for a relative `--config`.
enum ContainerdProcessScanner {
    static let defaultConfig = "/etc/containerd/config.toml"
    /// containerd's global options that take a value (urfave/cli also accepts one dash).
    static let optionsWithValue: Set<String> = ["config", "c", "log-level", "l", "address", "a", "root", "state"]

    /// The daemons whose config file is `configHostPath` (compared after resolving symlinks).
    static func processes(readingConfig configHostPath: String) -> [NodeObservation.ContainerdProcess] {
        let wanted = canonical(configHostPath)
        guard let folder = opendir("/proc") else { return [] }
        defer { closedir(folder) }
        let clock = BootClock()
        var found: [NodeObservation.ContainerdProcess] = []
        for name in DirectoryStream.names(folder) {
            guard let pid = Int32(name), read("/proc/\(pid)/comm") == "containerd\n",
                let arguments = read("/proc/\(pid)/cmdline")?.split(separator: "\0", omittingEmptySubsequences: false)
                    .map(String.init),
                let config = daemonConfig(arguments: arguments)
            else { continue }
            let absolute = config.hasPrefix("/") ? config : (workingFolder(pid) ?? "") + "/" + config
            guard canonical(absolute) == wanted, let ticks = startTicks(pid) else { continue }
            found.append(clock.process(pid: pid, startTicks: ticks))
        }
        return found.sorted { $0.pid < $1.pid }
    }

    /// The config file a containerd command line runs the daemon on; nil for another program or
    /// a subcommand (`containerd config dump`, `containerd --version`).
    static func daemonConfig(arguments: [String]) -> String? {
        guard let program = arguments.first, program.split(separator: "/").last == "containerd" else { return nil }
        var config = defaultConfig
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument.isEmpty && index == arguments.count - 1 { break }  // cmdline ends in a NUL
            guard argument.hasPrefix("-") else { return nil }
            let option = argument.drop { $0 == "-" }
            let name = option.prefix { $0 != "=" }
            guard optionsWithValue.contains(String(name)) else { return nil }  // --help, --version
            var value: String?
            if option.contains("=") {
                value = String(option.dropFirst(name.count + 1))
            } else {
                index += 1
                value = index < arguments.count ? arguments[index] : nil
            }
            if name == "config" || name == "c", let value { config = value }
            index += 1
        }
        return config
    }

    private static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard case .complete(let bytes) = DescriptorReader.readAll(descriptor, limit: 1 << 20) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func workingFolder(_ pid: Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/\(pid)/cwd", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Field 22 of `/proc/<pid>/stat`: clock ticks from boot to the process's start. The fields
    /// are counted after the last `)`, since the command name in parentheses may hold spaces.
    private static func startTicks(_ pid: Int32) -> UInt64? {
        guard let stat = read("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }

    private static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Converts times since boot (what `/proc` counts in) to wall-clock times (what file times are).
struct BootClock {
    /// The wall-clock time of the boot: `CLOCK_REALTIME - CLOCK_BOOTTIME`, read back to back.
    /// A step of the wall clock after a file was written (NTP at boot) shifts this comparison.
    let bootedAt: Double
    let tick: Double

    init() {
        var real = timespec()
        var boot = timespec()
        clock_gettime(CLOCK_REALTIME, &real)
        clock_gettime(CLOCK_BOOTTIME, &boot)
        bootedAt = Double(real.tv_sec - boot.tv_sec) + Double(real.tv_nsec - boot.tv_nsec) / 1e9
        tick = 1 / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    func process(pid: Int32, startTicks: UInt64) -> NodeObservation.ContainerdProcess {
        NodeObservation.ContainerdProcess(pid: pid, startedAt: bootedAt + Double(startTicks) * tick, tick: tick)
    }
}

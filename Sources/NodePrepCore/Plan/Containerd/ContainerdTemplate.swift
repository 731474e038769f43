/// The config.toml nodeprep starts from when the node has none: the same settings nodeadm renders on
/// EKS AL2023 nodes, in the schema of the installed containerd.
public struct ContainerdTemplate: Sendable {
    public var schema: ContainerdConfigSchema
    /// `nvidia` when the NVIDIA container runtime is installed and executable, else `runc`.
    /// nodeadm chooses `nvidia` when the file merely exists; a file there that cannot be executed
    /// would make every container on the node fail to start, so nodeprep keeps `runc` (the node
    /// runs, without GPUs) and warns.
    public var runtime: Runtime
    /// `enable_cdi`: nodeadm's rule, see ``enablesCDI(kubelet:)``.
    public var enableCDI: Bool

    public struct Runtime: Sendable, Hashable {
        public var name: String
        public var binary: String

        public static let runc = Runtime(name: "runc", binary: "/usr/sbin/runc")
        public static let nvidia = Runtime(name: "nvidia", binary: "/usr/bin/nvidia-container-runtime")
    }

    public static let sandboxImage = "localhost/kubernetes/pause:latest"
    public static let baseRuntimeSpecPath = "/etc/containerd/base-runtime-spec.json"
    /// nodeadm's two-folder default; replaced by the mirror's single folder when a MirrorConfig exists.
    public static let registryConfigPath = "/etc/containerd/certs.d:/etc/docker/certs.d"

    public init(schema: ContainerdConfigSchema, runtime: Runtime = .runc, enableCDI: Bool = true) {
        self.schema = schema
        self.runtime = runtime
        self.enableCDI = enableCDI
    }

    /// nodeadm turns CDI on for kubelet 1.32 and later, whose device plugins may hand containerd CDI
    /// device names. An unknown kubelet (none installed yet, as when an image is baked) gets `true`,
    /// the setting of every kubelet nodeadm still supports from 1.32 on; nodeadm itself stops there.
    public static func enablesCDI(kubelet: KubeletVersion?) -> Bool {
        guard let kubelet else { return true }
        return kubelet >= KubeletVersion.firstWithCDI
    }

    public var value: TOMLValue {
        var config = TOMLValue.table([
            "version": .integer(Int64(schema.rawValue)),
            "root": .string("/var/lib/containerd"),
            "state": .string("/run/containerd"),
            "grpc": .table(["address": .string("/run/containerd/containerd.sock")]),
        ])
        config.set(.bool(true), at: schema.discardUnpackedLayers)
        config.set(.string(Self.registryConfigPath), at: schema.registry + ["config_path"])
        config.set(.string(runtime.name), at: schema.runtimeContainerd + ["default_runtime_name"])
        config.set(runtimeTable, at: schema.runtimeContainerd + ["runtimes", runtime.name])
        switch schema {
        case .v2:
            config.set(.string(Self.sandboxImage), at: ["plugins", ContainerdConfigSchema.v2Plugin, "sandbox_image"])
            config.set(.bool(enableCDI), at: ["plugins", ContainerdConfigSchema.v2Plugin, "enable_cdi"])
            config.set(cniTable, at: ["plugins", ContainerdConfigSchema.v2Plugin, "cni"])
        case .v3:
            let sandbox = ["plugins", ContainerdConfigSchema.v3Images, "pinned_images", "sandbox"]
            config.set(.string(Self.sandboxImage), at: sandbox)
            config.set(.bool(enableCDI), at: ["plugins", ContainerdConfigSchema.v3Runtime, "enable_cdi"])
            config.set(cniTable, at: ["plugins", ContainerdConfigSchema.v3Runtime, "cni"])
        }
        return config
    }

    private var runtimeTable: TOMLValue {
        .table([
            "runtime_type": .string("io.containerd.runc.v2"),
            "base_runtime_spec": .string(Self.baseRuntimeSpecPath),
            "options": .table(["BinaryName": .string(runtime.binary), "SystemdCgroup": .bool(true)]),
        ])
    }

    private var cniTable: TOMLValue {
        .table(["bin_dir": .string("/opt/cni/bin"), "conf_dir": .string("/etc/cni/net.d")])
    }
}

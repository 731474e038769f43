// swift-tools-version:6.0
import PackageDescription

/// nodeprep: a boot-time service that turns EC2 user data into containerd's configuration.
///
/// The pipeline is split so the pure part (decode, merge, plan) can be tested without I/O:
/// - `NodePrepCore` holds values in, values out: decoding user data, merging NodeConfig documents,
///   rendering the plan of files.
/// - `NodePrepSystem` holds the effects: IMDS over HTTP, the filesystem, systemd.
/// - `nodeprep` is the command line that wires them together.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

/// For the code that ships: members come only from modules a file imports itself. TOMLKit imports
/// Foundation, and without this `text.contains("x")` bound to Foundation's overload. Foundation
/// (with ICU) is linked in for URLSession, the IMDS client, but only the files under
/// NodePrepSystem/IMDS that speak HTTP import it; everything else stays on FoundationEssentials
/// and the standard library. The tests may use Foundation freely.
let shippedSettings =
    strictSettings + [
        .enableUpcomingFeature("MemberImportVisibility")
    ]

let package = Package(
    name: "nodeprep",
    products: [
        .executable(name: "nodeprep", targets: ["nodeprep"]),
        // For the fuzz targets in Fuzz/, a separate package so sanitizer builds stay out of this one.
        .library(name: "NodePrepCore", targets: ["NodePrepCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Debian's libyaml, read through its event API by NodePrepCore's own YAML composer. (Yams would
        // bring Foundation and ICU into the binary: its tag resolver, number formatters and dates.)
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .target(
            name: "NodePrepCore",
            dependencies: [
                "CZlib",
                "CLibYAML",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: shippedSettings
        ),
        .target(
            name: "NodePrepSystem",
            dependencies: [
                "NodePrepCore",
                "CSystemd",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: shippedSettings
        ),
        .executableTarget(
            name: "nodeprep",
            dependencies: [
                "NodePrepCore",
                "NodePrepSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: shippedSettings
        ),
        .testTarget(
            name: "NodePrepCoreTests",
            // CZlib: the tests build their own gzip input (nodeprep itself only decompresses).
            dependencies: [
                "NodePrepCore",
                "CZlib",
                // The oracle nodeprep's YAML reading is compared with (trees, errors, tag resolution,
                // numbers). Yams compiles its own copy of libyaml, whose symbols take precedence in
                // the test binary; the nodeprep binary uses the system's (the bad-input corpus
                // runs it).
                .product(name: "Yams", package: "Yams"),
            ],
            // Reviewed outputs, read from the source tree (see Support/GoldenFile.swift).
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "NodePrepSystemTests",
            dependencies: [
                "NodePrepSystem",
                "NodePrepCore",
                // Reads what `containerd config dump` printed, and sandboxes configs for test daemons.
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            resources: [.copy("Support")],
            swiftSettings: strictSettings
        ),
    ]
)

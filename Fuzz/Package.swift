// swift-tools-version:6.0
import PackageDescription

/// libFuzzer targets for nodeprep's parsers. A package of its own, so the root package builds and
/// tests without sanitizer flags. Build and run as Fuzz/README.md says.
let targetNames = ["FuzzUserData", "FuzzDocuments", "FuzzTOMLRoundTrip", "FuzzHostsFile"]

let package = Package(
    name: "nodeprep-fuzz",
    dependencies: [
        .package(name: "nodeprep", path: "..")
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "LibFuzzerDriver", dependencies: ["CLibFuzzer"]),
    ]
        + targetNames.map { name in
            .executableTarget(
                name: name,
                dependencies: ["LibFuzzerDriver", .product(name: "NodePrepCore", package: "nodeprep")]
            )
        }
)

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Moltres",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Moltres", targets: ["Moltres"]),
        .library(name: "MoltresProtocol", targets: ["MoltresProtocol"]),
        .library(name: "MoltresLSP", targets: ["MoltresLSP"]),
        .executable(name: "moltres", targets: ["moltres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .systemLibrary(
            name: "CPostgres",
            path: "Sources/CPostgres",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .systemLibrary(
            name: "CJSON",
            path: "Sources/CJSON",
            pkgConfig: "json-c",
            providers: [.apt(["libjson-c-dev"]), .brew(["json-c"])]
        ),
        .target(
            name: "Moltres",
            dependencies: ["CSQLite", "CPostgres"],
            path: "Sources/Engine"
        ),
        .target(
            name: "MoltresProtocol",
            dependencies: ["CJSON"],
            path: "Sources/Protocol"
        ),
        .target(
            name: "MoltresLSP",
            dependencies: ["Moltres", "MoltresProtocol"],
            path: "Sources/MoltresLSP"
        ),
        .executableTarget(
            name: "moltres",
            dependencies: [
                "Moltres",
                "MoltresLSP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/moltres",
            // Release builds on Linux link the Swift runtime and Foundation statically (what `--static-swift-stdlib`
            // does, without rebuilding every module): no loading and symbol binding of a dozen Swift libraries at
            // each start, which was most of `moltres lsp`'s time to answer `initialize` (median 24 → 17 ms, same
            // run) and of every short CLI run. The group lists the static Foundation's own dependencies.
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-static-stdlib", "-Xlinker", "--start-group", "-Xlinker", "-lFoundation", "-Xlinker",
                        "-lCoreFoundation", "-Xlinker", "-lFoundationInternationalization", "-Xlinker",
                        "-lFoundationEssentials", "-Xlinker", "-l_FoundationCShims", "-Xlinker",
                        "-l_FoundationCollections", "-Xlinker", "-l_FoundationICU", "-Xlinker",
                        "-lswiftSynchronization",
                        "-Xlinker", "-lstdc++", "-Xlinker", "--end-group",
                    ],
                    .when(platforms: [.linux], configuration: .release))
            ]
        ),
        .executableTarget(
            name: "moltres-bench",
            dependencies: ["Moltres", "MoltresProtocol", "CSQLite", "CPostgres"],
            path: "Benchmarks/MoltresBenchmarks"
        ),
        // The LSP benchmark's baseline: a minimal Content-Length framed stdio echo server (moltres-bench lsp).
        .executableTarget(name: "moltres-lsp-echo", path: "Benchmarks/LSPEcho"),
        .testTarget(
            name: "EngineTests", dependencies: ["Moltres"], path: "Tests/EngineTests", exclude: ["Fixtures"]),
        .testTarget(name: "ProtocolTests", dependencies: ["MoltresProtocol"], path: "Tests/ProtocolTests"),
        .testTarget(
            name: "MoltresLSPTests",
            dependencies: ["MoltresLSP", "Moltres", "MoltresProtocol"],
            path: "Tests/MoltresLSPTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)

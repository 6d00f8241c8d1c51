// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Playbook",
    products: [
        .executable(name: "playbook", targets: ["playbook"]),
        .library(name: "PlaybookCore", targets: ["PlaybookCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark", pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]),
        .target(name: "PlaybookMarkdown", dependencies: ["CCmark"]),
        .target(name: "CPlaybookPlatform"),
        .target(
            name: "PlaybookCore",
            dependencies: [
                "PlaybookMarkdown",
                "CPlaybookPlatform",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .target(
            name: "PlaybookServer",
            dependencies: [
                "PlaybookCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .target(
            name: "PlaybookCLI",
            dependencies: [
                "PlaybookCore",
                "PlaybookServer",
                "CPlaybookPlatform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "playbook", dependencies: ["PlaybookCLI"],
            // Release builds allocate with mimalloc (Debian: libmimalloc-dev): listed before libc, its
            // malloc and free serve the whole process, Swift runtime, Foundation and libcmark included.
            // A build spends about 8% of its instructions in glibc's allocator, mimalloc a third of that
            // (docs/content/performance.md). Debug builds keep glibc's: the sanitizers replace the allocator themselves.
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux], configuration: .release))]),
        .testTarget(name: "PlaybookMarkdownTests", dependencies: ["PlaybookMarkdown"]),
        .testTarget(
            name: "PlaybookCoreTests", dependencies: ["PlaybookCore"],
            exclude: ["Fixtures"]),
        .testTarget(name: "PlaybookCLITests", dependencies: ["PlaybookCLI"]),
        .testTarget(name: "PlaybookServerTests", dependencies: ["PlaybookServer"]),
    ],
    swiftLanguageModes: [.v5]
)

// libFuzzer targets, built only by scripts/fuzz.sh (PLAYBOOK_FUZZ=1): they need -sanitize=fuzzer.
if Context.environment["PLAYBOOK_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/Sources/FuzzDriver"))
    for name in ["FuzzFrontMatter", "FuzzBlocks", "FuzzMarkdown", "FuzzTargets", "FuzzTemplates", "FuzzSeries", "FuzzTicks"] {
        package.targets.append(.executableTarget(name: name, dependencies: ["PlaybookCore", "FuzzDriver"], path: "Fuzz/Sources/\(name)"))
    }
}

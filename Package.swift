// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Playbook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "playbook", targets: ["playbook"]),
        .library(name: "PlaybookCore", targets: ["PlaybookCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark", pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]),
        .target(name: "PlaybookMarkdown", dependencies: ["CCmark"]),
        .target(
            name: "PlaybookCore",
            dependencies: [
                "PlaybookMarkdown",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]),
        .target(
            name: "PlaybookCLI",
            dependencies: [
                "PlaybookCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "playbook", dependencies: ["PlaybookCLI"]),
        .testTarget(name: "PlaybookMarkdownTests", dependencies: ["PlaybookMarkdown"]),
        .testTarget(
            name: "PlaybookCoreTests", dependencies: ["PlaybookCore"],
            exclude: ["Fixtures"]),
        .testTarget(name: "PlaybookCLITests", dependencies: ["PlaybookCLI"]),
    ],
    swiftLanguageModes: [.v5]
)

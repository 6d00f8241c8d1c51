import Foundation
import XCTest

/// `playbook serve` stopped with SIGTERM or SIGINT in the middle of a rebuild: the rebuild finishes or
/// removes its staging folder before the process exits.
final class ServeSignalTests: XCTestCase {
    var binary: URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return runner.deletingLastPathComponent().appendingPathComponent("playbook")
    }

    func testASignalDuringARebuildLeavesNoStagingFolder() throws {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw XCTSkip("playbook binary not built") }
        for signal in [SIGTERM, SIGINT] {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-signal-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            func write(_ marker: String) throws {
                for index in 0..<1500 {
                    let url = root.appendingPathComponent("content/s\(index % 10)/p\(index).md")
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try "# Page \(index)\n\n\(marker) with *some* text.\n".write(to: url, atomically: false, encoding: .utf8)
                }
            }
            try write("first")
            try "# Home\n".write(to: root.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = binary
            process.arguments = ["serve", "--source", root.path, "--port", "0"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            // Wait for the first build, then change every page and signal once the rebuild has begun.
            let staging = root.appendingPathComponent(".public.staging").path
            let deadline = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: root.appendingPathComponent("public/index.html").path), Date() < deadline { usleep(20_000) }
            try write("second")
            while !FileManager.default.fileExists(atPath: staging), Date() < deadline { usleep(1_000) }
            XCTAssertTrue(FileManager.default.fileExists(atPath: staging), "the rebuild started")
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "signal \(signal)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: staging), "signal \(signal): no staging folder is left")
            let leftovers = (FileManager.default.subpaths(atPath: root.path) ?? []).filter { $0.hasSuffix(".tmp") }
            XCTAssertEqual(leftovers, [], "signal \(signal)")
        }
    }
}

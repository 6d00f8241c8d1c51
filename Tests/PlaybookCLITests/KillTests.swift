import Foundation
import XCTest

/// A build killed at any moment (SIGKILL) leaves either the old or the new output, never a mixture,
/// and the next build cleans up after it.
final class KillTests: XCTestCase {
    /// The `playbook` binary SwiftPM built next to the test bundle.
    var binary: URL {
        // The test runner is `.build/<triple>/debug/PlaybookPackageTests.xctest`; the tool sits beside it.
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return runner.deletingLastPathComponent().appendingPathComponent("playbook")
    }

    func writeSite(_ root: URL, marker: String, pages: Int) throws {
        for index in 0..<pages {
            let url = root.appendingPathComponent("content/s\(index % 5)/p\(index).md")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "---\ntitle: Page \(index)\n---\n\(marker)\n\n## Heading\n\nSome text for page \(index).\n".write(
                to: url, atomically: true, encoding: .utf8)
        }
        try "# Home \(marker)\n".write(to: root.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
    }

    func build(_ root: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["build", "--no-cache", "--source", root.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Which marker every page of the output carries: "old", "new", or "mixed".
    func state(_ output: URL, pages: Int) -> String {
        var seen = Set<String>()
        for index in 0..<pages {
            let path = output.appendingPathComponent("s\(index % 5)/p\(index).html").path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                seen.insert("missing")
                continue
            }
            seen.insert(text.contains("MARKER-NEW") ? "new" : text.contains("MARKER-OLD") ? "old" : "other")
        }
        return seen.count == 1 ? seen.first! : "mixed \(seen.sorted())"
    }

    func testKilledBuildsLeaveOldOrNewOutput() throws {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { throw XCTSkip("playbook binary not built") }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-kill-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let pages = 400
        try writeSite(root, marker: "MARKER-OLD", pages: pages)
        let first = try build(root)
        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0)
        try writeSite(root, marker: "MARKER-NEW", pages: pages)
        let output = root.appendingPathComponent("public")
        var outcomes: [String] = []
        for attempt in 0..<12 {
            let process = try build(root)
            usleep(UInt32(attempt * 120_000))  // 0 to 1.3 s into the build
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = state(output, pages: pages)
            outcomes.append(now)
            XCTAssertTrue(now == "old" || now == "new", "attempt \(attempt): output is \(now)")
            if now == "new" { break }
        }
        let last = try build(root)
        last.waitUntilExit()
        XCTAssertEqual(last.terminationStatus, 0)
        XCTAssertEqual(state(output, pages: pages), "new")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".public") }
        XCTAssertEqual(leftovers, [], "the next build removes a killed build's staging folder")
        print("kill outcomes: \(outcomes)")
    }
}

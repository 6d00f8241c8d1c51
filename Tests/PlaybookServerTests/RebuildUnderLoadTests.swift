import Foundation
import PlaybookCore
import XCTest

@testable import PlaybookServer

/// Pages never vanish while a rebuild swaps the output in: loopback clients keep asking for an
/// unchanged page during many rebuilds, and every answer is that page.
final class RebuildUnderLoadTests: XCTestCase {
    func testNoRequestFailsDuringRebuilds() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-load-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try write("content/index.md", "# Home\n\nVersion 0.\n")
        try write("content/stable.md", "# Stable\n\nThis page does not change.\n")
        for index in 0..<20 { try write("content/filler/page-\(index).md", "# Filler \(index)\n\nText.\n") }

        var options = DevServerOptions(build: BuildOptions(root: root))
        options.port = 0
        let server = DevServer(options: options, log: { _ in })
        let ready = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { ready.continuation.yield($0) } }
        defer { task.cancel() }
        var iterator = ready.stream.makeAsyncIterator()
        guard let port = await iterator.next() else { throw XCTSkip("server did not start") }
        let events = try XCTUnwrap(EventListener(port: port))
        XCTAssertNotNil(events.wait(for: ": connected"))

        // Eight clients, each bounded in requests and time.
        let stop = Flag()
        let counts = Counts()
        let clients = (0..<8).map { _ in
            Thread {
                let started = Date()
                for _ in 0..<20_000 {
                    if stop.isSet || Date().timeIntervalSince(started) > 60 { break }
                    let reply = HTTPProbe.request(port: port, path: "/stable.html")
                    counts.add(ok: reply?.status == 200 && reply?.body.contains("This page does not change.") == true)
                }
                counts.finish()
            }
        }
        for client in clients { client.start() }
        let rebuilds = 24
        for version in 1...rebuilds {
            try write("content/index.md", "# Home\n\nVersion \(version).\n")
            XCTAssertNotNil(events.wait(for: "event: reload", count: version, timeout: 20), "rebuild \(version)")
        }
        stop.set()
        XCTAssertTrue(counts.waitForAll(8, timeout: 70))
        print("RebuildUnderLoadTests: \(counts.ok + counts.failed) requests from 8 clients during \(rebuilds) rebuilds, \(counts.failed) failed")
        XCTAssertGreaterThan(counts.ok, 100, "the clients made requests during the rebuilds")
        XCTAssertEqual(counts.failed, 0, "\(counts.failed) of \(counts.ok + counts.failed) requests failed during \(rebuilds) rebuilds")
        XCTAssertTrue(HTTPProbe.request(port: port, path: "/")?.body.contains("Version \(rebuilds).") ?? false)
    }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

private final class Counts: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var ok = 0
    private(set) var failed = 0
    private var finished = 0

    func add(ok success: Bool) {
        lock.withLock { if success { ok += 1 } else { failed += 1 } }
    }

    func finish() { lock.withLock { finished += 1 } }

    func waitForAll(_ count: Int, timeout: TimeInterval) -> Bool {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if lock.withLock({ finished >= count }) { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}

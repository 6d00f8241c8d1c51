import Foundation
import PlaybookCore
import XCTest

@testable import PlaybookServer

/// `POST /__playbook/ticks` over real HTTP: the write path, and each refusal (which changes nothing).
final class TickWriteTests: XCTestCase {
    var root: URL!
    let page = "# Plan\n\n- [ ] Write the plan\n- [ ] Share it\n\n```checklist\nsource: data/steps.csv\n```\n"

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-ticks-\(UUID().uuidString)")
        try write("content/index.md", "# Home\n")
        try write("content/plan.md", page)
        try write("data/steps.csv", "text\nFrom CSV\n")
        try write("playbook.yml", "title: Ticks\ndashboard: true\n")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    var planText: String { (try? String(contentsOf: root.appendingPathComponent("content/plan.md"), encoding: .utf8)) ?? "" }

    func start(_ configure: (inout DevServerOptions) -> Void = { _ in }) async throws -> (Int, Task<Void, Error>, DevServer) {
        var options = DevServerOptions(build: BuildOptions(root: root))
        options.port = 0
        configure(&options)
        let server = DevServer(options: options, log: { _ in })
        let ready = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { ready.continuation.yield($0) } }
        var iterator = ready.stream.makeAsyncIterator()
        guard let bound = await iterator.next() else { throw XCTSkip("server did not start") }
        return (bound, task, server)
    }

    /// A POST as a browser on the served page would send it, with any header replaced or left out (nil).
    func post(
        _ port: Int, body: String = #"{"page":"plan.html","item":"write-the-plan","done":true}"#, headers: [String: String?] = [:],
        token: String?, method: String = "POST"
    ) -> HTTPProbe.Reply? {
        var fields: [(String, String?)] = [
            ("Host", "127.0.0.1:\(port)"), ("Origin", "http://127.0.0.1:\(port)"), ("Content-Type", "application/json"),
            ("X-Playbook-Token", token), ("Content-Length", String(body.utf8.count)), ("Connection", "close"),
        ]
        for (name, value) in headers {
            if let index = fields.firstIndex(where: { $0.0 == name }) { fields[index].1 = value } else { fields.append((name, value)) }
        }
        let head = fields.compactMap { name, value in value.map { "\(name): \($0)\r\n" } }.joined()
        return HTTPProbe.exchange(port: port, "\(method) /__playbook/ticks HTTP/1.1\r\n\(head)\r\n\(body)")
    }

    func testATickOnAServedPageIsWrittenAndTheDashboardCountsIt() async throws {
        let (port, task, server) = try await start()
        defer { task.cancel() }
        let served = try XCTUnwrap(HTTPProbe.request(port: port, path: "/plan.html"))
        XCTAssertTrue(served.body.contains("data-playbook-token=\"\(server.ticks.token)\""), "served pages carry the token")
        XCTAssertFalse(
            try String(contentsOf: root.appendingPathComponent("public/plan.html"), encoding: .utf8).contains(server.ticks.token),
            "the built files never do")
        let events = try XCTUnwrap(EventListener(port: port))
        XCTAssertNotNil(events.wait(for: ": connected"))

        let reply = try XCTUnwrap(post(port, token: server.ticks.token))
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertTrue(reply.body.contains(#""status":"written""#), reply.body)
        XCTAssertEqual(planText, page.replacingOccurrences(of: "- [ ] Write the plan", with: "- [x] Write the plan"))
        XCTAssertNotNil(events.wait(for: "event: reload"), "the write rebuilds the site")
        let dashboard = try XCTUnwrap(HTTPProbe.request(port: port, path: "/dashboard.html"))
        XCTAssertTrue(dashboard.body.contains("data-pb-done=\"write-the-plan\""), "the dashboard counts the tick")
        XCTAssertTrue(dashboard.body.contains("1 of 3 done"), dashboard.body)

        // A second tick right away (before or after the rebuild) finds its line too; ticking again changes nothing.
        XCTAssertEqual(post(port, body: #"{"page":"plan.html","item":"share-it","done":true}"#, token: server.ticks.token)?.status, 200)
        let again = try XCTUnwrap(post(port, token: server.ticks.token))
        XCTAssertTrue(again.body.contains(#""status":"unchanged""#), again.body)
        XCTAssertEqual(post(port, body: #"{"page":"plan.html","item":"write-the-plan","done":false}"#, token: server.ticks.token)?.status, 200)
        XCTAssertEqual(planText, page.replacingOccurrences(of: "- [ ] Share it", with: "- [x] Share it"))
    }

    func testEveryRefusalIsA4xxAndChangesNothing() async throws {
        let (port, task, server) = try await start()
        defer { task.cancel() }
        let token = server.ticks.token
        let cases: [(String, HTTPProbe.Reply?, Int)] = [
            ("GET", post(port, token: token, method: "GET"), 405),
            ("PUT", post(port, token: token, method: "PUT"), 405),
            ("another Host (DNS rebinding)", post(port, headers: ["Host": "attacker.example:\(port)"], token: token), 403),
            ("another port in Host", post(port, headers: ["Host": "127.0.0.1:1"], token: token), 403),
            ("no Host", post(port, headers: ["Host": nil], token: token), 403),
            ("a foreign Origin", post(port, headers: ["Origin": "http://attacker.example"], token: token), 403),
            ("Origin null", post(port, headers: ["Origin": "null"], token: token), 403),
            ("no token", post(port, token: nil), 403),
            ("no Origin and no token", post(port, headers: ["Origin": nil], token: nil), 403),
            ("a wrong token", post(port, token: String(token.reversed())), 403),
            ("text/plain (a form post)", post(port, headers: ["Content-Type": "text/plain"], token: token), 415),
            ("a large body", post(port, body: "{\"page\":\"" + String(repeating: "a", count: 5000) + "\"}", token: token), 413),
            ("malformed JSON", post(port, body: "{\"page\":", token: token), 400),
            ("a missing field", post(port, body: #"{"page":"plan.html","item":"write-the-plan"}"#, token: token), 400),
            ("done as a number", post(port, body: #"{"page":"plan.html","item":"write-the-plan","done":1}"#, token: token), 400),
            ("an unknown item", post(port, body: #"{"page":"plan.html","item":"nothing-like-it","done":true}"#, token: token), 409),
            ("an unknown page", post(port, body: #"{"page":"../../etc/passwd","item":"write-the-plan","done":true}"#, token: token), 409),
            ("a CSV data file", post(port, body: #"{"page":"plan.html","item":"from-csv","done":true}"#, token: token), 422),
        ]
        for (name, reply, status) in cases {
            XCTAssertEqual(reply?.status, status, "\(name): \(reply?.body ?? "no reply")")
        }
        XCTAssertEqual(planText, page, "nothing was written")
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("data/steps.csv"), encoding: .utf8), "text\nFrom CSV\n")
        // The token alone is enough without an Origin (a request the pages' own script could make).
        XCTAssertEqual(post(port, headers: ["Origin": nil], token: token)?.status, 200)
        XCTAssertEqual(
            post(
                port, body: #"{"page":"plan.html","item":"share-it","done":true}"#,
                headers: ["Host": "localhost:\(port)", "Origin": "http://localhost:\(port)"], token: token)?.status, 200,
            "localhost names the loopback address too")
    }

    func testALineEditedSinceTheBuildIsNotOverwritten() async throws {
        let (port, task, server) = try await start { $0.polling = true }
        defer { task.cancel() }
        // The item's line changes under the server; whether or not the rebuild has happened, the tick is refused.
        let edited = page.replacingOccurrences(of: "- [ ] Write the plan\n", with: "- [ ] Write the plan again\n")
        try write("content/plan.md", edited)
        let reply = try XCTUnwrap(post(port, token: server.ticks.token))
        XCTAssertEqual(reply.status, 409, reply.body)
        XCTAssertTrue(reply.body.contains("changed"), reply.body)
        XCTAssertEqual(planText, edited)
    }

    func testReadOnlyAndNonLoopbackServersDoNotWrite() async throws {
        XCTAssertTrue(DevServerOptions.isLoopback("127.0.0.1"))
        XCTAssertTrue(DevServerOptions.isLoopback("127.1.2.3"))
        XCTAssertTrue(DevServerOptions.isLoopback("::1"))
        XCTAssertTrue(DevServerOptions.isLoopback("localhost"))
        XCTAssertFalse(DevServerOptions.isLoopback("0.0.0.0"))
        XCTAssertFalse(DevServerOptions.isLoopback("192.168.1.10"))
        XCTAssertFalse(DevServerOptions.isLoopback("127.0.0.1.attacker.example"))
        var options = DevServerOptions(build: BuildOptions(root: root))
        options.host = "0.0.0.0"
        XCTAssertFalse(options.writesEnabled, "off on a non-loopback address")
        options.allowWrites = true
        XCTAssertTrue(options.writesEnabled, "unless --allow-writes")
        options.host = "127.0.0.1"
        options.allowWrites = false
        options.readOnly = true
        XCTAssertFalse(options.writesEnabled, "--read-only")

        for configure in [{ (options: inout DevServerOptions) in options.readOnly = true }, { $0.host = "0.0.0.0" }] {
            let (port, task, server) = try await start(configure)
            let served = try XCTUnwrap(HTTPProbe.request(port: port, path: "/plan.html"))
            XCTAssertFalse(served.body.contains("data-playbook-token"), "no token in the pages")
            XCTAssertTrue(served.body.contains("/__playbook/live.js"))
            XCTAssertEqual(post(port, token: server.ticks.token)?.status, 403)
            task.cancel()
            _ = try? await task.value
        }
        XCTAssertEqual(planText, page)
    }

    func testABurstOfTicksLandsEveryTick() async throws {
        // Ten task lines and ten YAML items (each tick of those adds a line, moving the items below it).
        let tasks = (1...10).map { "- [ ] Task \($0)\n" }.joined()
        let yaml = (1...10).map { "- text: Step \($0)\n  owner: Sam\n" }.joined()
        try write("content/plan.md", "# Plan\n\n\(tasks)\n```checklist\n\(yaml)```\n")
        // Enough other pages that a rebuild takes longer than the gap between two ticks.
        for number in 1...300 {
            try write("content/notes/\(number).md", "# Note \(number)\n\n" + String(repeating: "Some *text* and `code`.\n\n", count: 40))
        }
        let (port, task, server) = try await start()
        defer { task.cancel() }
        let items = (1...10).flatMap { ["task-\($0)", "step-\($0)"] }
        // 20 ms apart (faster than the rebuild's 30 ms debounce), then 45 ms apart (a rebuild between ticks).
        for (gap, done) in [(20, true), (45, false), (45, true)] {
            var statuses: [Int] = []
            for item in items {
                let reply = post(port, body: #"{"page":"plan.html","item":"\#(item)","done":\#(done)}"#, token: server.ticks.token)
                statuses.append(reply?.status ?? 0)
                if reply?.status != 200 { XCTFail("\(gap) ms, \(item): \(reply?.body ?? "no reply")") }
                try await Task.sleep(nanoseconds: UInt64(gap) * 1_000_000)
            }
            XCTAssertEqual(statuses, Array(repeating: 200, count: 20), "\(gap) ms apart")
            let text = planText
            for number in 1...10 {
                XCTAssertTrue(text.contains("- [\(done ? "x" : " ")] Task \(number)\n"), text)
                XCTAssertTrue(text.contains("- text: Step \(number)\n  owner: Sam\n  done: \(done)\n"), text)
            }
        }
        let text = planText
        // Someone else's edit is still refused after the burst.
        try await Task.sleep(nanoseconds: 300_000_000)
        try write("content/plan.md", text.replacingOccurrences(of: "- [x] Task 1\n", with: "- [x] Task one\n"))
        XCTAssertNotEqual(post(port, body: #"{"page":"plan.html","item":"task-1","done":false}"#, token: server.ticks.token)?.status, 200)
    }
}

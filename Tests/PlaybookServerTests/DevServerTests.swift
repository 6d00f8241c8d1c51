import Foundation
import PlaybookCore
import XCTest

@testable import PlaybookServer

final class DevServerTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("playbook-serve-\(UUID().uuidString)")
        try write("content/index.md", "# Home\n\n[A](a.md)\n")
        try write("content/a.md", "---\ntitle: Page A\n---\nFirst version.\n")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// Starts a server on a free port; returns the port and the task running it.
    func startServer(port: Int = 0, polling: Bool = false) async throws -> (Int, Task<Void, Error>, DevServer) {
        var options = DevServerOptions(build: BuildOptions(root: root))
        options.port = port
        options.polling = polling
        let server = DevServer(options: options, log: { _ in })
        let ready = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { ready.continuation.yield($0) } }
        var iterator = ready.stream.makeAsyncIterator()
        guard let bound = await iterator.next() else { throw XCTSkip("server did not start") }
        return (bound, task, server)
    }

    func testServesPagesReloadsOnEditAndShowsErrors() async throws {
        let (port, task, _) = try await startServer()
        defer { task.cancel() }
        let home = try XCTUnwrap(HTTPProbe.request(port: port, path: "/"))
        XCTAssertEqual(home.status, 200)
        XCTAssertTrue(home.body.contains("/__playbook/live.js"), "the reload script is added while serving")
        XCTAssertFalse(
            try String(contentsOf: root.appendingPathComponent("public/index.html"), encoding: .utf8).contains("__playbook"),
            "but never written into the built files")
        let page = try XCTUnwrap(HTTPProbe.request(port: port, path: "/a.html"))
        XCTAssertTrue(page.body.contains("First version."))
        XCTAssertEqual(page.headers["content-type"], "text/html; charset=utf-8")

        let events = try XCTUnwrap(EventListener(port: port))
        XCTAssertNotNil(events.wait(for: ": connected"))
        try write("content/a.md", "---\ntitle: Page A\n---\nSecond version.\n")
        XCTAssertNotNil(events.wait(for: "event: reload"), "a saved page sends a reload event")
        XCTAssertTrue(HTTPProbe.request(port: port, path: "/a.html")?.body.contains("Second version.") ?? false)

        try write("content/a.md", "---\ntitle: [broken\n---\nThird.\n")
        XCTAssertNotNil(events.wait(for: "event: errors"), "a failed build sends the errors")
        XCTAssertTrue(events.text.contains("content/a.md:"), events.text)
        XCTAssertTrue(
            HTTPProbe.request(port: port, path: "/a.html")?.body.contains("Second version.") ?? false,
            "the last good build is still served")
        let late = try XCTUnwrap(EventListener(port: port))
        XCTAssertNotNil(late.wait(for: "event: errors"), "a page opened while the build is broken gets the errors at once")

        try write("content/a.md", "---\ntitle: Page A\n---\nFixed version.\n")
        XCTAssertNotNil(events.wait(for: "event: reload", count: 2), "the next good build reloads the page")
        XCTAssertTrue(HTTPProbe.request(port: port, path: "/a.html")?.body.contains("Fixed version.") ?? false)
    }

    /// Saving a page does not export the whole site again: `playbook.html` is made when asked for,
    /// the same bytes as `playbook export` makes, and made again after the next rebuild.
    func testTheExportIsMadeWhenAskedForAndIsCurrentAfterAnEdit() async throws {
        let (port, task, server) = try await startServer()
        defer { task.cancel() }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("public/playbook.html").path), "not written on a rebuild")
        let home = try XCTUnwrap(HTTPProbe.request(port: port, path: "/"))
        XCTAssertTrue(home.body.contains("<a href=\"playbook.html\" download>"), "the pages still link to it")
        let first = try XCTUnwrap(HTTPProbe.request(port: port, path: "/playbook.html"))
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.headers["content-type"], "text/html; charset=utf-8")
        var options = BuildOptions(root: root)
        options.outputs = OutputRegistry.export
        let clean = try XCTUnwrap(SiteBuild(options: options).plan().files.first { $0.path == "playbook.html" })
        let token = server.ticks.writesEnabled ? server.ticks.token : nil
        XCTAssertEqual(first.body, LiveReloadScript.inject(into: String(decoding: clean.data, as: UTF8.self), token: token))
        XCTAssertTrue(first.body.contains("First version."))
        XCTAssertEqual(HTTPProbe.request(port: port, method: "HEAD", path: "/playbook.html")?.status, 200)

        let events = try XCTUnwrap(EventListener(port: port))
        XCTAssertNotNil(events.wait(for: ": connected"))
        try write("content/a.md", "---\ntitle: Page A\n---\nSecond version.\n")
        XCTAssertNotNil(events.wait(for: "event: reload"))
        let second = try XCTUnwrap(HTTPProbe.request(port: port, path: "/playbook.html"))
        XCTAssertTrue(second.body.contains("Second version."), "made again after the rebuild")
        XCTAssertFalse(second.body.contains("First version."))
    }

    /// With `export: false` there is no export to make: the request is a 404 like any missing file.
    func testNoExportWhenTheSiteHasNone() async throws {
        try write("playbook.yml", "title: T\nexport: false\n")
        let (port, task, _) = try await startServer()
        defer { task.cancel() }
        XCTAssertEqual(HTTPProbe.request(port: port, path: "/playbook.html")?.status, 404)
        XCTAssertFalse(try XCTUnwrap(HTTPProbe.request(port: port, path: "/")).body.contains("playbook.html"))
    }

    func testTraversalAttemptsAndLinksOutAre404() async throws {
        let (port, task, _) = try await startServer()
        defer { task.cancel() }
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("public/leak"), withDestinationURL: URL(fileURLWithPath: "/etc"))
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("public/leak.html"), withDestinationURL: root.appendingPathComponent("content/a.md"))
        for path in [
            "/../Package.swift", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/content/a.md", "/a.html%00.txt", "/..%2fcontent%2fa.md",
            "/..\\..\\etc\\passwd", "/%5c..%5ccontent", "/leak/passwd", "/leak.html", "/./a.html", "/%zz", "/nope.html",
        ] {
            let reply = try XCTUnwrap(HTTPProbe.request(port: port, path: path), path)
            XCTAssertEqual(reply.status, 404, path)
            XCTAssertFalse(reply.body.contains("root:x:0:0"), path)
            XCTAssertFalse(reply.body.contains("First version."), path)
        }
    }

    func testHeadContentTypesAndFolders() async throws {
        try write("content/plan/cal.md", "```cadence\n- name: Stand-up\n  every: daily\n  start: 2030-01-01T09:00\n```\n")
        let (port, task, _) = try await startServer()
        defer { task.cancel() }
        let head = try XCTUnwrap(HTTPProbe.request(port: port, method: "HEAD", path: "/a.html"))
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.body, "")
        XCTAssertNotNil(head.headers["content-length"])
        let types = [
            "/assets/playbook.css": "text/css; charset=utf-8", "/assets/playbook.js": "text/javascript; charset=utf-8",
            "/plan/cal.ics": "text/calendar; charset=utf-8", "/search-index.js": "text/javascript; charset=utf-8",
        ]
        for (path, type) in types {
            XCTAssertEqual(HTTPProbe.request(port: port, path: path)?.headers["content-type"], type, path)
        }
        XCTAssertEqual(HTTPProbe.request(port: port, path: "/plan")?.status, 301)
        XCTAssertEqual(HTTPProbe.request(port: port, path: "/plan/")?.status, 200)
        // Redirects go only to a folder page that exists, always with a single leading slash.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("public/plan/assets"), withIntermediateDirectories: true)
        for (path, status, location) in [
            ("/plan", 301, "/plan/"), ("//plan", 301, "/plan/"), ("///plan?x=1", 301, "/plan/"), ("/plan//", 200, nil),
            ("/plan/nope/plan", 404, nil), ("/plan/cal.ics/plan", 404, nil), ("/plan/assets", 404, nil), ("//assets", 404, nil),
            ("/%2Fplan", 301, "/%2Fplan/"),
        ] {
            let reply = try XCTUnwrap(HTTPProbe.request(port: port, path: path), path)
            XCTAssertEqual(reply.status, status, path)
            XCTAssertEqual(reply.headers["location"], location, path)
        }
        let missing = try XCTUnwrap(HTTPProbe.request(port: port, path: "/missing.html"))
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(missing.body.contains("Page not found"), "the site's 404.html is served")
    }

    func testPortInUseIsAClearError() async throws {
        let (port, task, _) = try await startServer()
        defer { task.cancel() }
        var options = DevServerOptions(build: BuildOptions(root: root))
        options.port = port
        do {
            try await DevServer(options: options, log: { _ in }).run()
            XCTFail("a second server on the same port must fail")
        } catch let error as DevServerError {
            XCTAssertTrue(error.description.contains("already in use"), error.description)
        }
    }

    func testPollingWatcherAlsoReloads() async throws {
        let (port, task, _) = try await startServer(polling: true)
        defer { task.cancel() }
        let events = try XCTUnwrap(EventListener(port: port))
        XCTAssertNotNil(events.wait(for: ": connected"))
        try write("content/a.md", "---\ntitle: Page A\n---\nPolled.\n")
        XCTAssertNotNil(events.wait(for: "event: reload"))
    }

    func testSiteFilesRules() {
        let files = SiteFiles(root: URL(fileURLWithPath: "/tmp/nowhere"))
        XCTAssertEqual(files.resolve("/../x"), .notFound)
        XCTAssertEqual(SiteFiles.percentDecode("/a%20b"), "/a b")
        XCTAssertNil(SiteFiles.percentDecode("/a%2"))
    }
}

import Foundation
import PlaybookMarkdown
import XCTest

@testable import PlaybookCore

/// Build-time highlighting with Pygments: classes, escaping, the cache, `highlight: false`, and a
/// missing engine. Skipped where Pygments is not installed (CI installs it).
final class CodeHighlightingTests: XCTestCase {
    func requirePygments() throws {
        try XCTSkipUnless(CodeHighlighter().start(), "Pygments is not installed")
    }

    func block(_ language: String, _ code: String, line: Int = 1) -> CodeBlock {
        CodeBlock(language: language, info: language, literal: code, line: line)
    }

    func testSQLShellAndYAMLGetClasses() throws {
        try requirePygments()
        let highlighter = CodeHighlighter()
        guard case .html(let sql) = highlighter.highlight(block("sql", "SELECT 1; -- one\n")) else { return XCTFail("sql") }
        XCTAssertTrue(sql.hasPrefix("<pre class=\"highlight\" tabindex=\"0\"><code class=\"language-sql\"><span class=\"k\">SELECT</span>"), sql)
        XCTAssertTrue(sql.contains("<span class=\"c1\">-- one"), sql)
        guard case .html(let yaml) = highlighter.highlight(block("YAML", "key: value # note\n")) else { return XCTFail("yaml") }
        XCTAssertTrue(yaml.contains("<span class=\"c1\"># note</span>"), yaml)
        XCTAssertTrue(yaml.contains("class=\"language-YAML\""), yaml)
        guard case .html(let shell) = highlighter.highlight(block("bash", "echo \"$HOME\" # home\n")) else { return XCTFail("bash") }
        XCTAssertTrue(shell.contains("<span class=\"nb\">echo</span>"), shell)
        XCTAssertFalse(sql.contains("style="), "classes only, no inline colours")
    }

    func testCodeIsEscapedAndUnknownLanguagesStayPlain() throws {
        try requirePygments()
        let highlighter = CodeHighlighter()
        guard case .html(let html) = highlighter.highlight(block("html", "<script>alert('x')</script>\n")) else { return XCTFail("html") }
        XCTAssertFalse(html.contains("<script>"), html)
        XCTAssertTrue(html.contains("&lt;"), html)
        XCTAssertEqual(highlighter.highlight(block("no-such-language", "x\n")), .plain)
        XCTAssertEqual(highlighter.highlight(block("text", "x\n")), .plain)
        XCTAssertEqual(highlighter.highlight(block("", "x\n")), .plain)
    }

    /// A `python3` script in a folder of its own that notes each start in a log, then runs `command`;
    /// with the number of starts so far and what removes the folder.
    func fakePython(then command: String) throws -> (python: URL, starts: () -> Int, cleanUp: () -> Void) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fake-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (python, log) = (folder.appendingPathComponent("python3"), folder.appendingPathComponent("starts.log"))
        try "#!/bin/sh\necho started >> '\(log.path)'\n\(command)\n".write(to: python, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: python.path)
        let starts = { ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").count }
        return (python, starts, { try? FileManager.default.removeItem(at: folder) })
    }

    func testLaterWorkersStartTheInterpreterTheFirstOneFound() throws {
        try requirePygments()
        // A launcher (like a pyenv shim) that notes each start, then runs the real interpreter.
        let (launcher, starts, cleanUp) = try fakePython(then: "exec /usr/bin/env python3 \"$@\"")
        defer { cleanUp() }

        // Two languages are two workers; a later build (a new highlighter) starts a third.
        let first = CodeHighlighter(python: launcher.path)
        guard case .html = first.highlight(block("sql", "SELECT 1;\n")), case .html = first.highlight(block("yaml", "a: 1\n")) else {
            return XCTFail("not highlighted")
        }
        let later = CodeHighlighter(python: launcher.path)
        guard case .html = later.highlight(block("bash", "echo hi\n")) else { return XCTFail("not highlighted later") }
        XCTAssertEqual(starts(), 1, "only the first worker goes through the launcher")

        // An interpreter that no longer starts is forgotten: the launcher is used again.
        HighlightWorker.Interpreters.shared.remember("/nonexistent/python3", for: launcher.path)
        guard case .html = CodeHighlighter(python: launcher.path).highlight(block("sql", "SELECT 2;\n")) else { return XCTFail("fallback") }
        XCTAssertEqual(starts(), 2)
        XCTAssertNotEqual(HighlightWorker.Interpreters.shared.path(for: launcher.path), "/nonexistent/python3")
    }

    func testTheFirstInterpreterThatHasPygmentsIsUsedAndRemembered() throws {
        try requirePygments()
        // A Python without Pygments (as the script answers when its import fails), noting each start.
        let (bare, starts, cleanUp) = try fakePython(then: "echo '{\"error\": \"ModuleNotFoundError: no pygments\"}'")
        defer { cleanUp() }

        let candidates = [bare.path, "/nonexistent/python3", "python3"]
        guard case .html = CodeHighlighter(pythons: candidates).highlight(block("sql", "SELECT 1;\n")) else {
            return XCTFail("the third interpreter has Pygments")
        }
        XCTAssertEqual(starts(), 1)
        // A later build with the same list starts the interpreter found, not the one without Pygments.
        guard case .html = CodeHighlighter(pythons: candidates).highlight(block("yaml", "a: 1\n")) else { return XCTFail("later") }
        XCTAssertEqual(starts(), 1)

        // None has Pygments: the last one's reason is given.
        let none = CodeHighlighter(pythons: [bare.path, "/nonexistent/python3"])
        guard case .unavailable(let reason) = none.highlight(block("sql", "SELECT 1;\n")) else { return XCTFail("none") }
        XCTAssertTrue(reason.contains("/nonexistent/python3"), reason)
        XCTAssertEqual(starts(), 2)
    }

    func testStandardPythons() {
        XCTAssertEqual(
            CodeHighlighter.standardPythons(environment: ["PLAYBOOK_PYTHON": "/opt/py/bin/python3"]) { _ in true }, ["/opt/py/bin/python3"])
        #if os(Linux)
            XCTAssertEqual(CodeHighlighter.standardPythons(environment: ["PLAYBOOK_PYTHON": ""]) { _ in true }, ["/usr/bin/python3", "python3"])
            XCTAssertEqual(CodeHighlighter.standardPythons(environment: [:]) { $0 == "/usr/bin/python3" }, ["/usr/bin/python3", "python3"])
        #endif
        XCTAssertEqual(CodeHighlighter.standardPythons(environment: [:]) { _ in false }, ["python3"])
    }

    func testMissingEngineWarnsOnceAndCodeStaysPlain() {
        let highlighter = CodeHighlighter(python: "/nonexistent/python3")
        guard case .unavailable(let reason) = highlighter.highlight(block("sql", "SELECT 1;\n")) else { return XCTFail("first call") }
        XCTAssertTrue(reason.contains("python3-pygments"), reason)
        XCTAssertEqual(highlighter.highlight(block("sql", "SELECT 2;\n")), .plain)
        XCTAssertTrue(highlighter.engineUnavailable)
    }

    func site(_ pages: [String: String], config: String = "title: T\n") throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("highlight-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try config.write(to: root.appendingPathComponent("playbook.yml"), atomically: true, encoding: .utf8)
        for (name, text) in pages { try text.write(to: root.appendingPathComponent("content/\(name)"), atomically: true, encoding: .utf8) }
        return root
    }

    func testBuildHighlightsWarnsOnceWithoutEngineAndRetriesWhenItIsBack() throws {
        try requirePygments()
        let code = "# A\n\n```sql\nSELECT 1;\n```\n"
        let root = try site(["a.md": code, "b.md": code.replacingOccurrences(of: "1", with: "2")])
        defer { try? FileManager.default.removeItem(at: root) }
        var options = BuildOptions(root: root)
        options.useCache = true
        options.python = "/nonexistent/python3"
        let first = SiteBuild(options: options).run()
        XCTAssertTrue(first.succeeded)
        XCTAssertEqual(first.diagnostics.filter { $0.message.contains("not highlighted") }.count, 1, "\(first.diagnostics)")
        let plain = try String(contentsOf: root.appendingPathComponent("public/a.html"), encoding: .utf8)
        XCTAssertTrue(plain.contains("<pre tabindex=\"0\"><code class=\"language-sql\">SELECT 1;"), plain)
        // Nothing changed but the engine: the next build is not "up to date" and highlights.
        options.python = "python3"
        let second = SiteBuild(options: options).run()
        XCTAssertFalse(second.upToDate)
        XCTAssertEqual(second.diagnostics, [])
        let highlighted = try String(contentsOf: root.appendingPathComponent("public/a.html"), encoding: .utf8)
        XCTAssertTrue(highlighted.contains("<span class=\"k\">SELECT</span>"), highlighted)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent(".playbook-cache/highlight.bin").path))
        // The third build is a no-op again.
        XCTAssertTrue(SiteBuild(options: options).run().upToDate)
    }

    func testDeferredBlocksGetTheHTMLTheyWouldHaveHadAndForgedMarkersStay() throws {
        try requirePygments()
        let blocks = [block("sql", "SELECT 1;\n"), block("yaml", "a: 1\n"), block("text", "plain <b>\n"), block("sql", "SELECT 1;\n")]
        let direct = CodeHighlighter()
        let expected = blocks.map { block -> String in
            if case .html(let html) = direct.highlight(block) { return html }
            return CodeHighlighter.plain(block)
        }
        let deferred = DeferredHighlights(CodeHighlighter())
        let placed = blocks.map { deferred.html(for: $0, path: "content/a.md", line: $0.line) }
        XCTAssertEqual(placed[2], expected[2], "a plain language needs no marker")
        XCTAssertTrue(placed[0].hasPrefix(deferred.markers.prefix), placed[0])
        XCTAssertEqual(deferred.pagesWithMarkers, ["content/a.md"])
        let forged = "\u{1}pb-highlight-1-0\u{1} and \(deferred.markers.prefix)99\u{1} and \(deferred.markers.prefix)x\u{1}"
        let page = "<p>a</p>" + placed.joined(separator: "\n") + forged
        XCTAssertEqual(deferred.finish().count, 0)
        XCTAssertEqual(deferred.resolve(page), "<p>a</p>" + expected.joined(separator: "\n") + forged)
        XCTAssertEqual(deferred.resolve("no markers \u{1} here"), "no markers \u{1} here")
    }

    /// Python processes this test process started that are still running.
    func childPythons() -> Int {
        let me = String(getpid())
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { entry in
            guard entry.allSatisfy(\.isNumber), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            // "pid (comm) state ppid …": the name may hold spaces, so the fields after it are split.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && fields[1] == me && stat.contains("(python")
        }.count
    }

    func testManyBlocksFromManyThreadsAreEachAnswered() throws {
        try requirePygments()
        // Four languages (one Pygments does not know), repeated and distinct code, asked from every core.
        let blocks = (0..<400).map { index -> CodeBlock in
            switch index % 4 {
            case 0: return block("sql", "SELECT \(index % 7);\n")
            case 1: return block("yaml", "key\(index): \(index)\n")
            case 2: return block("nosuchlanguage", "x = \(index)\n")
            default: return block("bash", "echo \(index % 3)\n")
            }
        }
        let direct = CodeHighlighter()
        let expected = blocks.map { direct.highlight($0).html(for: $0) }
        let deferred = DeferredHighlights(CodeHighlighter())
        let placed = Parallel().map(Array(blocks.indices)) { deferred.html(for: blocks[$0], path: "content/p\($0).md", line: 1) }
        XCTAssertEqual(deferred.finish().count, 0)
        XCTAssertEqual(placed.map(deferred.resolve), expected)
    }

    /// Languages are spread over the queues and stay on theirs (each process loads only its lexers),
    /// until a language's queues have much more waiting than another: then that one takes it too.
    func testLanguagesStayOnTheirQueueUntilItIsMuchBusier() {
        var queuesOf: [String: [Int]] = [:]
        var waiting = [0, 0]
        func send(_ language: String, _ bytes: Int) -> Int {
            let queue = DeferredHighlights.queue(for: language, waiting: waiting, queuesOf: &queuesOf)
            waiting[queue] += bytes
            return queue
        }
        XCTAssertEqual(send("sql", 100), 0)
        XCTAssertEqual(send("scala", 100), 1)
        XCTAssertEqual(send("bash", 50), 0, "a new language goes to the least busy queue")
        XCTAssertEqual(send("scala", 1_000), 1, "then stays on its own")
        XCTAssertEqual(send("sql", 1_000), 0)
        XCTAssertEqual(queuesOf, ["sql": [0], "scala": [1], "bash": [0]])
        // One language only: it keeps its queue while the other is no more than `spillBytes` behind.
        var before = waiting
        while send("sql", 1_000) == 0 { before = waiting }
        XCTAssertGreaterThan(before[0], before[1] + DeferredHighlights.spillBytes, "it moved no sooner")
        XCTAssertLessThanOrEqual(before[0] - 1_000, before[1] + DeferredHighlights.spillBytes, "and no later")
        XCTAssertEqual(queuesOf["sql"], [0, 1])
        XCTAssertEqual(send("sql", 1_000), 1, "then goes to whichever of its queues is less busy")
    }

    /// Cache lookups, which every render thread makes for each code block, do not wait while Pygments
    /// starts; a language asked for meanwhile waits for that process and uses it (no second one).
    func testLookupsDoNotWaitForTheEngineToStartAndTheFirstLanguageGetsIt() throws {
        try requirePygments()
        let gate = FileManager.default.temporaryDirectory.appendingPathComponent("gate-\(UUID().uuidString)")
        XCTAssertEqual(mkfifo(gate.path, 0o600), 0)
        defer { try? FileManager.default.removeItem(at: gate) }
        // An interpreter that starts only once the test opens the gate.
        let (python, starts, cleanUp) = try fakePython(then: "read line < '\(gate.path)'\nexec /usr/bin/env python3 \"$@\"")
        defer { cleanUp() }
        let pythonsBefore = childPythons()
        let highlighter = CodeHighlighter(python: python.path)
        let started = expectation(description: "started")
        DispatchQueue.global().async {
            XCTAssertTrue(highlighter.start())
            started.fulfill()
        }
        let deadline = Date().addingTimeInterval(20)
        while starts() == 0, Date() < deadline { usleep(10_000) }
        XCTAssertEqual(starts(), 1)

        let looked = expectation(description: "looked up")
        DispatchQueue.global().async {
            XCTAssertNil(highlighter.known(self.block("sql", "SELECT 1;\n")))
            looked.fulfill()
        }
        // (Well before the worker's own 10 s limit for Python's first line, so the gate still has its reader.)
        wait(for: [looked], timeout: 5)
        let answered = expectation(description: "answered")
        DispatchQueue.global().async {
            if case .html = highlighter.highlight(self.block("sql", "SELECT 1;\n")) {} else { XCTFail("not highlighted") }
            answered.fulfill()
        }
        // Open the gate (without blocking: should the launcher be gone, this fails instead of hanging).
        let writer = open(gate.path, O_WRONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(writer, 0)
        if writer >= 0 {
            _ = write(writer, "go\n", 3)
            close(writer)
        }
        wait(for: [started, answered], timeout: 20)
        XCTAssertEqual(starts(), 1)
        XCTAssertEqual(childPythons() - pythonsBefore, 1, "the language waited for the process being started and took it")
    }

    func testAWorkerEndsWhenAnotherProcessHoldsItsInputAndSIGTERMIsBlocked() throws {
        try requirePygments()
        // Dispatch threads block most signals and a process inherits its starting thread's mask; a
        // worker started at the same moment as another could inherit its input. Such a worker never
        // sees the end of its input and ignores SIGTERM: it must still end when let go.
        let finished = DispatchSemaphore(value: 0)
        let holder = Process()
        let thread = Thread {
            var blocked = sigset_t()
            sigemptyset(&blocked)
            sigaddset(&blocked, SIGTERM)
            pthread_sigmask(SIG_BLOCK, &blocked, nil)
            var worker: HighlightWorker? = try? HighlightWorker()
            XCTAssertNotNil(try? worker?.tokens(language: "sql", code: "SELECT 1;\n"))
            if let descriptor = worker?.inputDescriptor {
                holder.executableURL = URL(fileURLWithPath: "/bin/sleep")
                holder.arguments = ["30"]
                holder.standardInput = FileHandle(fileDescriptor: dup(descriptor), closeOnDealloc: true)
                try? holder.run()
            }
            worker = nil
            finished.signal()
        }
        thread.start()
        XCTAssertEqual(finished.wait(timeout: .now() + 20), .success, "the worker did not end")
        if holder.isRunning { kill(holder.processIdentifier, SIGKILL) }
    }

    func testDeferredBlocksWithoutTheEngineWarnOnceAtTheirPage() {
        let deferred = DeferredHighlights(CodeHighlighter(python: "/nonexistent/python3"))
        let first = deferred.html(for: block("sql", "SELECT 1;\n", line: 3), path: "content/a.md", line: 7)
        let second = deferred.html(for: block("sql", "SELECT 2;\n"), path: "content/a.md", line: 9)
        let warnings = deferred.finish()
        XCTAssertEqual(warnings.count, 1)
        XCTAssertEqual(warnings.first?.path, "content/a.md")
        XCTAssertEqual(warnings.first?.line, 7, "the first block of the queue")
        XCTAssertTrue(warnings.first?.reason.contains("python3-pygments") ?? false)
        XCTAssertEqual(
            deferred.resolve(first + second), CodeHighlighter.plain(block("sql", "SELECT 1;\n")) + CodeHighlighter.plain(block("sql", "SELECT 2;\n")))
    }

    func testCacheAnswersWithoutTheEngine() throws {
        try requirePygments()
        let root = try site(["a.md": "# A\n\n```sql\nSELECT 1;\n```\n\nText.\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        var options = BuildOptions(root: root)
        options.useCache = true
        XCTAssertTrue(SiteBuild(options: options).run().succeeded)
        // A prose edit: the block comes from highlight.bin, so a missing Python changes nothing.
        try "# A\n\n```sql\nSELECT 1;\n```\n\nMore text.\n".write(to: root.appendingPathComponent("content/a.md"), atomically: true, encoding: .utf8)
        options.python = "/nonexistent/python3"
        let edit = SiteBuild(options: options).run()
        XCTAssertEqual(edit.diagnostics, [])
        let html = try String(contentsOf: root.appendingPathComponent("public/a.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<span class=\"k\">SELECT</span>") && html.contains("More text."), html)
    }

    func testAnEditKeepsTheOtherPagesBlocksInTheCache() throws {
        try requirePygments()
        let root = try site(["a.md": "# A\n\n```sql\nSELECT 1;\n```\n", "b.md": "# B\n\n```yaml\nkey: 1\n```\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        var options = BuildOptions(root: root)
        options.useCache = true
        XCTAssertTrue(SiteBuild(options: options).run().succeeded)
        // New code on a: a is rendered alone and its new block saved; b's entry must stay.
        try "# A\n\n```sql\nSELECT 2;\n```\n".write(to: root.appendingPathComponent("content/a.md"), atomically: true, encoding: .utf8)
        XCTAssertEqual(SiteBuild(options: options).run().diagnostics, [])
        try "# B\n\n```yaml\nkey: 1\n```\n\nEdited.\n".write(to: root.appendingPathComponent("content/b.md"), atomically: true, encoding: .utf8)
        options.python = "/nonexistent/python3"
        XCTAssertEqual(SiteBuild(options: options).run().diagnostics, [], "b's block comes from the cache")
    }

    func testHighlightFalseTurnsItOff() throws {
        let root = try site(["a.md": "# A\n\n```sql\nSELECT 1;\n```\n"], config: "title: T\nhighlight: false\n")
        defer { try? FileManager.default.removeItem(at: root) }
        var options = BuildOptions(root: root)
        options.python = "/nonexistent/python3"
        let result = SiteBuild(options: options).run()
        XCTAssertEqual(result.diagnostics, [], "no engine needed, no warning")
        let html = try String(contentsOf: root.appendingPathComponent("public/a.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<pre tabindex=\"0\"><code class=\"language-sql\">SELECT 1;\n</code></pre>"), html)
    }

    func testBlocksAreNotHighlighted() throws {
        let root = try site(["a.md": "# A\n\n```checklist\n- one\n```\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        var options = BuildOptions(root: root)
        options.python = "/nonexistent/python3"
        XCTAssertEqual(SiteBuild(options: options).run().diagnostics, [])
    }
}

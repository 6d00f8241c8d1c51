import Foundation
import XCTest

@testable import PlaybookCore

/// `playbook record`: the series file is edited in place (one row), atomically, and refused politely.
final class KPIRecorderTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
        let page = """
            # KPIs

            ```kpi
            - name: P95 checkout latency
              target: < 200ms
              better: lower
              series: data/p95.csv
            - name: Error rate
              target: < 0.1%
              series: data/errors.csv
            - name: Uptime
              target: 99.9%
              actual: 99.95%
            - name: Saturation
              series: data/saturation.json
            ```
            """
        try page.write(to: root.appendingPathComponent("content/kpis.md"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    var recorder: KPIRecorder { KPIRecorder(root: root, today: Day("2026-12-01")!) }

    func file(_ name: String) throws -> Data { try Data(contentsOf: root.appendingPathComponent("data/\(name)")) }

    func testCreatesTheFileAppendsAndPrintsTheStatus() throws {
        XCTAssertEqual(
            try recorder.record(name: "P95 checkout latency", value: "210ms", date: Day("2026-11-24")),
            "P95 checkout latency: 210ms on 2026-11-24, Missed (target < 200ms)")
        XCTAssertEqual(String(decoding: try file("p95.csv"), as: UTF8.self), "date,value\n2026-11-24,210ms\n")
        XCTAssertEqual(
            try recorder.record(name: "p95 CHECKOUT latency", value: "180ms"),
            "P95 checkout latency: 180ms on 2026-12-01, Met (target < 200ms), improving")
        XCTAssertEqual(String(decoding: try file("p95.csv"), as: UTF8.self), "date,value\n2026-11-24,210ms\n2026-12-01,180ms\n")
    }

    func testReplacesTheSameDateAndKeepsEverythingElseByteForByte() throws {
        let original =
            Data([0xEF, 0xBB, 0xBF]) + Data("date,value,note\r\n2026-11-17,0.09%,\"after the fix, finally\"\r\n2026-11-24,0.2%,spike\r\n".utf8)
        let url = root.appendingPathComponent("data/errors.csv")
        try original.write(to: url)
        chmod(url.path, 0o600)
        _ = try recorder.record(name: "Error rate", value: "0.08%", date: Day("2026-11-24"))
        let expected =
            Data([0xEF, 0xBB, 0xBF]) + Data("date,value,note\r\n2026-11-17,0.09%,\"after the fix, finally\"\r\n2026-11-24,0.08%,spike\r\n".utf8)
        XCTAssertEqual(try file("errors.csv"), expected)
        _ = try recorder.record(name: "Error rate", value: "0.07%", date: Day("2026-12-01"))
        XCTAssertTrue(String(decoding: try file("errors.csv"), as: UTF8.self).hasSuffix("2026-11-24,0.08%,spike\r\n2026-12-01,0.07%,\r\n"))
        var info = stat()
        stat(url.path, &info)
        XCTAssertEqual(info.st_mode & 0o777, 0o600, "the file keeps its mode")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("data").path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testAFileWithoutAFinalLineEndGetsOneBeforeTheNewRow() throws {
        try Data("date,value\n2026-11-24,190ms".utf8).write(to: root.appendingPathComponent("data/p95.csv"))
        _ = try recorder.record(name: "P95 checkout latency", value: "185ms")
        XCTAssertEqual(String(decoding: try file("p95.csv"), as: UTF8.self), "date,value\n2026-11-24,190ms\n2026-12-01,185ms\n")
    }

    func testRefusals() throws {
        func refusal(_ name: String, _ value: String) -> String {
            do {
                _ = try recorder.record(name: name, value: value)
                return "recorded"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertTrue(
            refusal("P95 latency", "1ms").contains("did you mean:\n  P95 checkout latency (content/kpis.md:4)"), refusal("P95 latency", "1ms"))
        XCTAssertTrue(refusal("Uptime", "99%").contains("has no series file"))
        XCTAssertTrue(refusal("Saturation", "1").contains("CSV series"))
        XCTAssertTrue(refusal("P95 checkout latency", "5%").contains("cannot be compared with the target"))
        XCTAssertTrue(refusal("P95 checkout latency", "fast").contains("is not a number"))
        try "# Again\n\n```kpi\n- name: Error rate\n  series: data/other.csv\n```\n".write(
            to: root.appendingPathComponent("content/again.md"), atomically: true, encoding: .utf8)
        XCTAssertTrue(refusal("error rate", "1%").contains("names 2 KPIs"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("data/p95.csv").path), "refusals write nothing")
    }

    func testAFileChangedUnderTheWriteIsNotOverwritten() throws {
        let url = root.appendingPathComponent("data/p95.csv")
        try Data("date,value\n".utf8).write(to: url)
        let read = FileTree.kind(of: url)
        try Data("date,value\n2026-11-30,1ms\n".utf8).write(to: url)
        XCTAssertThrowsError(try SourceReplacement.replace(url, with: Data("x".utf8), expecting: read)) { error in
            XCTAssertEqual(error as? SourceReplacement.Failure, .changed)
        }
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path), ["p95.csv"], "no temporary file is left")
        XCTAssertEqual(String(decoding: try Data(contentsOf: url), as: UTF8.self), "date,value\n2026-11-30,1ms\n")
    }

    func testNothingIsWrittenThroughALinkedFolder() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("record-outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        try "date,value\n2026-11-01,1\n".write(to: outside.appendingPathComponent("free.csv"), atomically: true, encoding: .utf8)
        let page = "# More\n\n```kpi\n- name: Free\n  series: data/sub/free.csv\n- name: Fresh\n  series: data/sub/new/fresh.csv\n```\n"
        try page.write(to: root.appendingPathComponent("content/more.md"), atomically: true, encoding: .utf8)
        let data = root.appendingPathComponent("data")
        // data/sub a link to the outside folder, then data/ itself one.
        try FileManager.default.createSymbolicLink(at: data.appendingPathComponent("sub"), withDestinationURL: outside)
        for name in ["Free", "Fresh"] {
            XCTAssertThrowsError(try recorder.record(name: name, value: "2")) { error in
                XCTAssertTrue("\(error)".contains("refusing to write through a symbolic link (data/sub)"), "\(error)")
            }
        }
        try FileManager.default.removeItem(at: data)
        try FileManager.default.createDirectory(at: outside.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: data, withDestinationURL: outside)
        for name in ["Free", "Fresh", "P95 checkout latency"] {
            XCTAssertThrowsError(try recorder.record(name: name, value: "2ms")) { error in
                XCTAssertTrue("\(error)".contains("refusing to write through a symbolic link (data)"), "\(error)")
            }
        }
        XCTAssertEqual(try String(contentsOf: outside.appendingPathComponent("free.csv"), encoding: .utf8), "date,value\n2026-11-01,1\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.path).sorted(), ["free.csv", "sub"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.appendingPathComponent("sub").path), [])
        // A missing folder below a real data/ is made, as a real folder.
        try FileManager.default.removeItem(at: data)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        XCTAssertNoThrow(try recorder.record(name: "Fresh", value: "2"))
        XCTAssertEqual(try file("sub/new/fresh.csv"), Data("date,value\n2026-12-01,2\n".utf8))
    }

    func testControlCharactersInAValueAreRefused() throws {
        XCTAssertThrowsError(try recorder.record(name: "Error rate", value: "5\n6")) { error in
            XCTAssertTrue("\(error)".hasPrefix("the value '5\\u{a}6' holds a control character"), "\(error)")
        }
        for value in ["5\n6", "5\r", "5\tms", "5 \u{1B}[31m", "5\u{0}", "5\u{2028}6", "5\u{85}"] {
            XCTAssertThrowsError(try recorder.record(name: "Error rate", value: value)) { error in
                XCTAssertTrue("\(error)".contains("holds a control character"), "\(error)")
                XCTAssertFalse("\(error)".unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" }, "the message shows it escaped: \(error)")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent("data/errors.csv").path))
    }
}

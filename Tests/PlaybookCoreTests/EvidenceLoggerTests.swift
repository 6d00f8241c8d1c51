import Foundation
import XCTest

@testable import PlaybookCore

/// `playbook log`: the item appended to the evidence file, everything else byte for byte (BOM, CRLF,
/// comments), a missing file created with its header, and refusals (unknown skill, bad figure, a
/// control character, a file that is not a list, a file changed while it was written).
final class EvidenceLoggerTests: XCTestCase {
    let entry = EvidenceLogger.Entry(
        title: "Cut checkout latency", skills: ["Ownership"], date: Day("2026-11-20")!, action: #"Added a "read-through" cache \ budget"#,
        impact: ["p95 latency: 310ms -> 180ms"])

    func testANewFileGetsItsHeaderAndTheItem() throws {
        let site = try TempSite(["playbook.yml": "title: T\n", "content/log.md": "# Log\n\n```evidence\nsource: data/evidence.yml\n```\n"])
        let message = try EvidenceLogger(root: site.root).log(entry)
        XCTAssertEqual(message, "logged 'Cut checkout latency' (2026-11-20, ownership) in data/evidence.yml")
        let file = try XCTUnwrap(site.read("data/evidence.yml"))
        XCTAssertTrue(file.hasPrefix("# Evidence of senior work"), file)
        XCTAssertTrue(
            file.hasSuffix(
                """
                - date: 2026-11-20
                  title: "Cut checkout latency"
                  skills: ["ownership"]
                  action: "Added a \\"read-through\\" cache \\\\ budget"
                  impact: ["p95 latency: 310ms -> 180ms"]

                """), file)
        // The block shows it, quotes and backslash as written.
        var options = BuildOptions(root: site.root)
        options.buildDate = Day("2026-12-07")!
        XCTAssertEqual(SiteBuild(options: options).run().diagnostics.map(\.description), [])
        XCTAssertTrue(site.read("public/log.html")?.contains(#"Added a “read-through” cache \ budget"#) ?? false)
    }

    func testTheRestOfTheFileStaysByteForByte() throws {
        let crlf = Data("\u{FEFF}# mine\r\n- date: 2026-01-02\r\n  title: Old one # kept\r\n  skills: [ownership]".utf8)
        let updated = try EvidenceLogger.appending(entry, to: crlf, path: "data/evidence.yml")
        XCTAssertEqual(updated.prefix(crlf.count), crlf)
        let added = String(decoding: updated.dropFirst(crlf.count), as: UTF8.self)
        XCTAssertTrue(added.hasPrefix("\r\n- date: 2026-11-20\r\n  title: \"Cut checkout latency\"\r\n"), added)
        XCTAssertFalse(added.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF throughout")
        // A file of comments only is an empty list.
        let comments = Data("# nothing yet\n".utf8)
        XCTAssertEqual(try EvidenceLogger.appending(entry, to: comments, path: "e.yml").prefix(comments.count), comments)
    }

    func testRefusals() throws {
        let site = try TempSite(["playbook.yml": "title: T\nskills: [ownership, mentoring]\n", "data/evidence.yml": "items:\n  - date: 2026-01-01\n"])
        let logger = EvidenceLogger(root: site.root)
        func refusal(_ entry: EvidenceLogger.Entry) -> String {
            do {
                _ = try logger.log(entry)
                return "written"
            } catch { return "\(error)" }
        }
        var unknown = entry
        unknown.skills = ["mentorin"]
        XCTAssertEqual(refusal(unknown), "unknown skill 'mentorin'; did you mean 'mentoring'? (skills: ownership, mentoring)")
        var figure = entry
        figure.impact = ["much faster"]
        XCTAssertTrue(refusal(figure).hasPrefix("--impact 'much faster' must be"))
        var control = entry
        control.outcome = "two\nlines\u{1B}[31m"
        XCTAssertTrue(refusal(control).contains("control character"))
        XCTAssertEqual(refusal(entry), "data/evidence.yml must be a YAML list of items (- date: …) for playbook log to add to it")
        XCTAssertEqual(site.read("data/evidence.yml"), "items:\n  - date: 2026-01-01\n", "nothing written")
        try site.write("data/evidence.yml", "- [unclosed\n")
        XCTAssertTrue(refusal(entry).contains("is not valid YAML"))
        // Never through a symbolic link.
        let elsewhere = try TempSite(["evidence.yml": "- date: 2026-01-01\n"])
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("data"))
        try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("data"), withDestinationURL: elsewhere.root)
        XCTAssertEqual(refusal(entry), "data/evidence.yml: refusing to write through a symbolic link (data); nothing was written")
        XCTAssertEqual(elsewhere.read("evidence.yml"), "- date: 2026-01-01\n")
    }

    /// The file is replaced only if it is still what was read.
    func testAFileChangedMeanwhileIsNotOverwritten() throws {
        let site = try TempSite(["data/evidence.yml": "- date: 2026-01-01\n"])
        let url = site.root.appendingPathComponent("data/evidence.yml")
        let before = FileTree.kind(of: url)
        try site.write("data/evidence.yml", "- date: 2026-02-02\n  title: written by someone else\n")
        XCTAssertThrowsError(try SourceReplacement.replace(url, with: Data("lost".utf8), expecting: before))
        XCTAssertEqual(site.read("data/evidence.yml"), "- date: 2026-02-02\n  title: written by someone else\n")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path), ["evidence.yml"], "no temporary file left")
    }
}

import Foundation
import XCTest

@testable import PlaybookCore

/// `Fixtures/imported-handbook`: notes written for GitHub (README.md folders, root-relative links,
/// pipe tables, alerts, footnotes, SQL/shell/YAML code) and a stale anchor and an unknown callout
/// type. It builds with exactly the warnings in `expected/warnings.txt`, fails with `--strict`, and
/// its pages match the golden files (with highlighting spans removed: they depend on the Pygments
/// version; `CodeHighlightingTests` checks them).
final class ImportedHandbookTests: XCTestCase {
    let fixture = fixturesFolder().appendingPathComponent("imported-handbook")

    func build(strict: Bool = false) -> (BuildResult, URL) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("imported-\(UUID().uuidString)")
        var options = BuildOptions(root: fixture.appendingPathComponent("site"), output: output)
        options.buildDate = Day("2026-11-30")!
        options.strict = strict
        return (SiteBuild(options: options).run(), output)
    }

    func testBuildsWithWarningsAndMatchesGoldenFiles() throws {
        let (result, output) = build()
        defer { try? FileManager.default.removeItem(at: output) }
        XCTAssertTrue(result.succeeded)
        let warnings = result.diagnostics.map(\.description).joined(separator: "\n") + "\n"
        try Golden.assert(warnings, matches: fixture.appendingPathComponent("expected/warnings.txt"))
        let pages = snapshot(of: output).filter { $0.key.hasSuffix(".html") }.mapValues(Self.withoutHighlightSpans)
        try Golden.assert(pages, matches: fixture.appendingPathComponent("expected/site"), wholeFolder: true)
    }

    func testFailsWithStrict() {
        let (result, output) = build(strict: true)
        defer { try? FileManager.default.removeItem(at: output) }
        XCTAssertFalse(result.succeeded)
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.count, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "a failed build writes no site")
    }

    func testRootRelativeLinksWorkFromDisk() throws {
        let (_, output) = build()
        defer { try? FileManager.default.removeItem(at: output) }
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(home.contains("<a href=\"databases/index.html\">databases</a>"), home)
        XCTAssertTrue(home.contains("<a href=\"databases/migrations.html#before-you-start\">Migrations</a>"), home)
        XCTAssertFalse(home.contains("href=\"/"), "no root-relative link is left")
    }

    /// Removes `<span class="…">` and `</span>` inside highlighted code blocks.
    static func withoutHighlightSpans(_ data: Data) -> Data {
        var text = String(decoding: data, as: UTF8.self)
        var result = ""
        while let start = text.range(of: "<pre class=\"highlight\">") {
            result += text[..<start.lowerBound]
            guard let end = text.range(of: "</pre>", range: start.upperBound..<text.endIndex) else { break }
            var block = String(text[start.lowerBound..<end.upperBound])
            block = block.replacingOccurrences(of: "</span>", with: "")
            while let open = block.range(of: "<span class=\""), let close = block.range(of: "\">", range: open.upperBound..<block.endIndex) {
                block.removeSubrange(open.lowerBound..<close.upperBound)
            }
            result += block
            text = String(text[end.upperBound...])
        }
        return Data((result + text).utf8)
    }
}

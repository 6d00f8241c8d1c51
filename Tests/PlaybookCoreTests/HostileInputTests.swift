import Foundation
import Mustache
import XCTest

@testable import PlaybookCore

/// The second round of hostile input: templates, data files, calendars, the terminal, temporary files
/// and links. Each case failed (crashed, misreported or lost data) before it was fixed.
final class HostileInputTests: XCTestCase {
    func descriptions(_ result: BuildResult) -> [String] { result.diagnostics.map(\.description) }

    // MARK: 1. Partials that include themselves

    func testPartialIncludingItselfIsAnErrorNotACrash() throws {
        let result = try check("nav → nav", ["layouts/nav.mustache": text("<ul>{{> nav}}</ul>")], expect: .fails, naming: "layouts/nav.mustache")
        XCTAssertTrue(
            descriptions(result).contains("layouts/nav.mustache: error: partial 'nav' includes itself: nav → nav (this recursion could never end)"),
            "\(descriptions(result))")
        let pair = try check(
            "a → b → a", ["layouts/a.mustache": text("A{{> b}}"), "layouts/b.mustache": text("{{^x}}{{> a}}{{/x}}")],
            expect: .fails, naming: "layouts/a.mustache")
        XCTAssertTrue(descriptions(pair).contains { $0.contains("partials include each other: a → b → a") }, "\(descriptions(pair))")
        try check("layout extends itself", ["layouts/page.mustache": text("{{< page}}{{/page}}")], expect: .fails, naming: "layouts/page.mustache")
    }

    func testRecursionThroughAnEndlessSectionIsStopped() throws {
        let result = try check(
            "{{#site}}{{> nav}}{{/site}}", ["layouts/nav.mustache": text("<ul>{{#site}}{{> nav}}{{/site}}</ul>")],
            expect: .fails, naming: "layouts/nav.mustache")
        XCTAssertTrue(descriptions(result).contains { $0.contains("nests too deep") }, "\(descriptions(result))")
        try check(
            "page through page", ["layouts/page.mustache": text("{{#page}}{{> page}}{{/page}}")], expect: .fails, naming: "layouts/page.mustache")
    }

    func testDataDrivenRecursionStillWorks() throws {
        // The default theme draws the sidebar with nav-item including itself for each level.
        let result = try check(
            "nested sections",
            [
                "content/a/index.md": text("# A\n"), "content/a/b/index.md": text("# B\n"), "content/a/b/c/page.md": text("# Deep page\n"),
            ], expect: .builds)
        XCTAssertEqual(result.diagnostics, [])
    }

    func testReportTemplateIncludingItselfFailsTheReport() throws {
        let site = try TempSite(["content/index.md": "# Home\n", "layouts/report.txt.mustache": "{{> report.txt}}"])
        let (text, diagnostics) = StatusReport(options: BuildOptions(root: site.root)).render(.text)
        XCTAssertNil(text)
        XCTAssertTrue(
            diagnostics.map(\.description).contains { $0.hasPrefix("layouts/report.txt.mustache: error: partial 'report.txt' includes itself") },
            "\(diagnostics)")
    }

    func testTemplatesWithoutAnyIncludeCycleAreNotWalked() {
        XCTAssertFalse(PartialCycles.mayHaveCycles(["page": "{{> nav}}{{#a}}{{>footer}}{{/a}}", "nav": "<nav>", "footer": "{{<nav}}{{/nav}}"]))
        XCTAssertFalse(PartialCycles.mayHaveCycles(["page": "{{> nav}}", "nav": "{{#x}}{{> page }}{{/x}}"]), "guarded by a section")
        XCTAssertTrue(PartialCycles.mayHaveCycles(["page": "{{> nav}}", "nav": "{{^x}}{{> page }}{{/x}}"]), "inverted: no guard")
        XCTAssertTrue(PartialCycles.mayHaveCycles(["page": "{{$b}}{{> page}}{{/b}}"]), "a block: no guard")
        XCTAssertTrue(PartialCycles.mayHaveCycles(["page": "{{#x}}{{/x}}{{> page}}"]), "after the section closed")
        XCTAssertTrue(PartialCycles.mayHaveCycles(["page": "{{#x}}{{/y}}{{> page}}"]), "sections out of order: walked")
        XCTAssertTrue(PartialCycles.mayHaveCycles(["page": "{{>*name}}"]), "dynamic partial: walked")
        XCTAssertFalse(PartialCycles.mayHaveCycles(["page": "{{! {{> page}} }}{{{raw}}}"]), "a comment includes nothing")
        XCTAssertTrue(PartialCycles.mayHaveCycles(["page": "{{=<% %>=}}<%> page%>"]), "other delimiters: always walked")
        XCTAssertFalse(PartialCycles.mayHaveCycles(["page": "{{> missing}} {{ broken"]))
    }

    func testTheTextScanNeverMissesACycleTheWalkFinds() throws {
        // Random templates over a few names: whenever the walk of the parsed templates finds a cycle,
        // the scan of their texts must have said one is possible.
        var generator = SystemRandomNumberGenerator()
        let leaves = ["{{> a}}", "{{>b}}", "{{> c }}", "text", "{{v}}", "{{{w}}}", "{{! {{> a}} }}"]
        func sequence(_ depth: Int) -> String {
            (0..<Int.random(in: 0...3, using: &generator)).map { _ in piece(depth) }.joined()
        }
        func piece(_ depth: Int) -> String {
            let inner = depth < 3 ? sequence(depth + 1) : ""
            switch Int.random(in: 0..<9, using: &generator) {
            case 0: return "{{#x}}\(inner){{/x}}"
            case 1: return "{{^y}}\(inner){{/y}}"
            case 2: return "{{$z}}\(inner){{/z}}"
            case 3: return "{{<b}}{{$z}}\(inner){{/z}}{{/b}}"
            default: return leaves.randomElement(using: &generator)!
            }
        }
        var walked = 0
        var cycles = 0
        for _ in 0..<400 {
            let sources = ["a": sequence(0), "b": sequence(0), "c": sequence(0)]
            guard let parsed = try? sources.mapValues({ try parsedTemplate($0) }) else { continue }
            walked += 1
            if !PartialCycles.find(in: parsed).isEmpty {
                cycles += 1
                XCTAssertTrue(PartialCycles.mayHaveCycles(sources), "\(sources)")
            }
        }
        XCTAssertGreaterThan(cycles, 20)
        XCTAssertGreaterThan(walked, 50)
    }

    func testPartialCyclesAreFoundInParsedTemplates() throws {
        let templates = try [
            "a": "{{> b}}", "b": "{{#x}}{{> a}}{{/x}}", "c": "{{> c}}", "d": "{{$block}}{{> d}}{{/block}}", "e": "{{#x}}{{> e}}{{/x}}",
        ].mapValues { try parsedTemplate($0) }
        XCTAssertEqual(PartialCycles.find(in: templates), [["c", "c"], ["d", "d"]])
    }

    // MARK: 2. Calendar text

    func testCalendarTextCannotStartLines() {
        XCTAssertEqual(ICalendar.escapeText("Stand-up\rEND:VEVENT\rBEGIN:VEVENT"), "Stand-up\\nEND:VEVENT\\nBEGIN:VEVENT")
        XCTAssertEqual(ICalendar.escapeText("a\r\nb\nc\rd"), "a\\nb\\nc\\nd")
        XCTAssertEqual(ICalendar.escapeText("n\u{0}v\u{B}f\u{C}e\u{1B}[2Jd\u{7F}!\tt"), "nvfe[2Jd!\tt")
        XCTAssertEqual(ICalendar.escapeText("a;b,c\\d"), "a\\;b\\,c\\\\d")
    }

    func testCalendarFileHasOneEventPerMeeting() throws {
        let block =
            "```cadence\n- name: \"Stand-up\\rEND:VEVENT\\rBEGIN:VEVENT\\rSUMMARY:pwned\\u001b\"\n  every: daily\n  start: 2030-01-01T09:00\n```\n"
        try check("CR in a meeting name", ["content/plan.md": text(block)], expect: .builds)
        let site = try TempSite(["content/plan.md": block])
        XCTAssertTrue(site.build().succeeded)
        let ics = try XCTUnwrap(site.read("public/plan.ics"))
        XCTAssertEqual(ics.components(separatedBy: "\r\n").filter { $0 == "BEGIN:VEVENT" }.count, 1)
        XCTAssertTrue(ics.contains("SUMMARY:Stand-up\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:pwned\r\n"), ics)
        XCTAssertFalse(ics.unicodeScalars.contains { $0 == "\r" } && ics.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "no bare CR")
        XCTAssertFalse(ics.unicodeScalars.contains { $0.value == 0x1B })
    }

    // MARK: 3. CSV errors at their own rows

    let kpiFromCSV = "```kpi\nsource: data/k.csv\n```\n"

    func testCSVRowWithTooManyCellsIsReportedAtItsLine() throws {
        let csv = "name,target,actual\nA,< 5,3\nB,< 5,4\n\"C, quoted\",< 5,2\nD,< 5,1,extra\n"
        let result = try check("too many cells", ["content/k.md": text(kpiFromCSV), "data/k.csv": text(csv)], expect: .fails)
        XCTAssertEqual(descriptions(result), ["data/k.csv:5: error: CSV row has 4 cells but the header names 3 fields"])
    }

    func testMultiLineCellsAndBlankLinesKeepLinesRight() throws {
        let csv = "name,target,actual\n\"Two\nlines\",< 5,3\n\nB,< 5,4,x\n"
        let result = try check("lines after a quoted newline", ["content/k.md": text(kpiFromCSV), "data/k.csv": text(csv)], expect: .fails)
        XCTAssertEqual(descriptions(result), ["data/k.csv:5: error: CSV row has 4 cells but the header names 3 fields"])
    }

    func testUnterminatedQuoteIsAnErrorWhereItOpens() throws {
        let csv = "name,target,actual\nA,< 5,3\n\"Unterminated,5,5\nB,< 5,4\nC,< 5,4\n"
        let result = try check("unterminated quote", ["content/k.md": text(kpiFromCSV), "data/k.csv": text(csv)], expect: .fails)
        XCTAssertEqual(
            descriptions(result),
            [
                "data/k.csv:3: error: CSV quote opened here is never closed (the rest of the file would become one cell)"
            ])
    }

    func testDataFilesGetTheDiagnosticsOfContentFiles() throws {
        let empty = try check("empty CSV", ["content/k.md": text(kpiFromCSV), "data/k.csv": Data()], expect: .fails, naming: "data/k.csv")
        XCTAssertTrue(descriptions(empty).contains { $0.hasPrefix("data/k.csv:1: error: kpi: the data file is empty") }, "\(descriptions(empty))")
        try check(
            "empty YAML", ["content/k.md": text("```kpi\nsource: data/k.yml\n```\n"), "data/k.yml": text("\n \n")], expect: .fails,
            naming: "data/k.yml")
        let invalid = Data("name,target,actual\nCaf".utf8) + Data([0xE9, 0xFF]) + Data(",< 5,3\n".utf8)
        let latin = try check("invalid UTF-8", ["content/k.md": text(kpiFromCSV), "data/k.csv": invalid], expect: .builds, naming: "data/k.csv")
        XCTAssertTrue(descriptions(latin).contains { $0.contains("data/k.csv:1: warning: file is not valid UTF-8") }, "\(descriptions(latin))")
        try check(
            "NUL bytes", ["content/k.md": text(kpiFromCSV), "data/k.csv": text("name,target,actual\nA\0B,< 5,3\n")], expect: .builds,
            naming: "data/k.csv")
    }

    func testSourceTogetherWithItemsIsAnError() throws {
        let block = "```kpi\nsource: data/k.csv\nitems:\n  - name: A\n```\n"
        let result = try check("source and items", ["content/k.md": text(block), "data/k.csv": text("name\nB\n")], expect: .fails)
        XCTAssertEqual(descriptions(result), ["content/k.md:2: error: kpi: a block takes 'items:' or 'source:', not both"])
    }

    func testCSVRecordsFollowRFC4180() {
        let (rows, problems) = CSVItems.records("a,b\n\"x \"\"q\"\"\",\"2\n3\"\n\n , \n")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(rows.map(\.line), [1, 2, 5])
        XCTAssertEqual(rows.map(\.cells), [["a", "b"], ["x \"q\"", "2\n3"], [" ", " "]])
        let stray = CSVItems.records("a,b\n\"x\"y,2\n")
        XCTAssertEqual(stray.problems.map(\.location.line), [2])
    }

    // MARK: 5. No temporary files after a failed build

    func testFailedCachedBuildLeavesNoTemporaryFile() throws {
        try check("failed cached build", ["content/bad.md": text("---\ntitle: [x\n---\n")], expect: .fails, naming: "content/bad.md", cache: true)
        try check("failed cached build (template)", ["layouts/page.mustache": text("{{#x}}")], expect: .fails, cache: true)
    }

    func testStaleTemporaryFilesAreRemoved() throws {
        let site = try TempSite(["content/index.md": "# Home\n"])
        try site.write(".playbook-cache/pages.bin.tmp", "left by a killed build")
        XCTAssertTrue(site.build(cache: true).succeeded)
        XCTAssertNil(site.read(".playbook-cache/pages.bin.tmp"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".playbook-cache/pages-1.bin").path))
    }

    // MARK: 6. Symbolic links in every input folder

    func testLinkedInputFoldersAreNeverFollowed() throws {
        let outside = try TempSite(["secret/k.csv": "name,target,actual\nSECRET KPI,< 5,3\n", "secret/leak.txt": "TOP SECRET"])
        for (folder, target) in [("data", "secret"), ("static", "secret")] {
            let page = folder == "data" ? ["content/k.md": text(kpiFromCSV)] : [:]
            let result = try check("linked \(folder)/", page, expect: folder == "data" ? .fails : .builds, naming: folder) { site in
                try FileManager.default.createSymbolicLink(
                    at: site.root.appendingPathComponent(folder), withDestinationURL: outside.root.appendingPathComponent(target))
            }
            XCTAssertTrue(descriptions(result).contains { $0.hasPrefix("\(folder): warning: symbolic link skipped") }, "\(descriptions(result))")
        }
        for folder in ["static", "themes/default/static", "layouts", "data"] {
            let result = try check("link inside \(folder)/", ["\(folder)/real.txt": text("real")], expect: .builds, naming: "\(folder)/leak.txt") {
                site in
                try FileManager.default.createSymbolicLink(
                    at: site.root.appendingPathComponent("\(folder)/leak.txt"),
                    withDestinationURL: outside.root.appendingPathComponent("secret/leak.txt"))
            }
            XCTAssertTrue(
                descriptions(result).contains(
                    "\(folder)/leak.txt: warning: symbolic link skipped: Playbook never follows links in a site's folders (copy the file or folder instead)"
                ),
                "\(descriptions(result))")
        }
        let site = try TempSite(["content/index.md": "# Home\n"])
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent("static"), withDestinationURL: outside.root.appendingPathComponent("secret"))
        XCTAssertTrue(site.build().succeeded)
        XCTAssertFalse(snapshot(of: site.output).values.contains { String(decoding: $0, as: UTF8.self).contains("TOP SECRET") })
    }

    func testStaticFilesAreCopiedByteForByte() throws {
        var bytes = [UInt8](repeating: 0, count: 3 << 20)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 31 &+ index >> 9) }
        let site = try TempSite(["content/index.md": "# Home\n"])
        try site.write("static/big.bin", data: Data(bytes))
        try site.write("themes/default/static/assets/extra.css", "p { color: red }")
        XCTAssertTrue(site.build().succeeded)
        XCTAssertEqual(try Data(contentsOf: site.output.appendingPathComponent("big.bin")), Data(bytes))
        XCTAssertEqual(site.read("public/assets/extra.css"), "p { color: red }")
    }

    // MARK: 7. Control characters never reach a terminal

    func testDiagnosticsShowControlCharactersAsEscapes() {
        let diagnostic = Diagnostic.error("content/\u{1B}]0;x\u{7}.md", line: 2, "bad value 'x \u{1B}[2J\rover' \u{9B}31m")
        XCTAssertEqual(diagnostic.description, "content/\\x1b]0;x\\x07.md:2: error: bad value 'x \\x1b[2J\\x0dover' \\u{9b}31m")
        XCTAssertEqual(TerminalText.visible("tab\tand\nnewline"), "tab\tand\nnewline")
    }

    func testTextAndMarkdownReportsEscapeControlCharacters() throws {
        let site = try TempSite(["content/k.md": "```kpi\n- name: \"x \\e[2J \\e]8;;http://evil\\a link\"\n  target: < 5\n  actual: 9\n```\n"])
        for format in [ReportFormat.text, .md] {
            let text = try XCTUnwrap(StatusReport(options: BuildOptions(root: site.root)).render(format).text)
            XCTAssertFalse(text.unicodeScalars.contains { TerminalText.isControl($0) }, "\(format)")
            XCTAssertTrue(text.contains("\\x1b"), "\(format): \(text)")
            if format == .text { XCTAssertTrue(text.contains("x \\x1b[2J \\x1b]8;;http://evil\\x07 link"), text) }
        }
        let html = try XCTUnwrap(StatusReport(options: BuildOptions(root: site.root)).render(.html).text)
        XCTAssertFalse(html.isEmpty)
    }

    // MARK: 8. Errors at the line where the mistake starts

    func testYAMLErrorPointsAtTheStartOfTheBrokenConstruct() throws {
        let result = try check("unclosed list", ["content/bad.md": text("---\ntitle: [unclosed\nweight: 1\n---\n")], expect: .fails)
        XCTAssertEqual(result.diagnostics.map(\.location.line), [2], "\(descriptions(result))")
        XCTAssertTrue(descriptions(result)[0].contains("parsing stopped 1 line further down"), "\(descriptions(result))")
    }

    func testUnclosedTemplateTagPointsAtItsOpening() throws {
        let tag = try check("unclosed tag", ["layouts/page.mustache": text("one\n{{title\nthree\nfour\n")], expect: .fails)
        XCTAssertEqual(
            descriptions(tag),
            ["layouts/page.mustache:2: error: template error: a tag opened here is never closed with }} (parsing stopped at line 3)"])
        let section = try check("unclosed section", ["layouts/page.mustache": text("one\n{{#page}}\n{{#x}}{{/x}}\nfour\n")], expect: .fails)
        XCTAssertEqual(section.diagnostics.map(\.location.line), [2], "\(descriptions(section))")
    }

    // MARK: 9. The output never goes missing while it is swapped

    func testOutputFolderNeverGoesMissingDuringRebuilds() throws {
        let site = try TempSite(["content/index.md": "# Home\n", "content/stable.md": "# Stable\n"])
        XCTAssertTrue(site.build().succeeded)
        let page = site.output.appendingPathComponent("stable.html").path
        let done = ManagedAtomicFlag()
        let missing = MissingCount()
        let watcher = Thread {
            while !done.isSet { if access(page, F_OK) != 0 { missing.increment() } }
        }
        watcher.start()
        for version in 0..<20 {
            try site.write("content/index.md", "# Home \(version)\n")
            XCTAssertTrue(site.build().succeeded)
        }
        done.set()
        Thread.sleep(forTimeInterval: 0.05)
        XCTAssertEqual(missing.value, 0, "the page was missing \(missing.value) times during 20 swaps")
    }

    func testTwoRenameFallbackRecoversAfterAKill() throws {
        // A kill between the two renames of the fallback leaves only `.public.old`: it is put back.
        let site = try TempSite(["content/index.md": "# Home\n"])
        XCTAssertTrue(site.build().succeeded)
        try FileManager.default.moveItem(at: site.output, to: site.root.appendingPathComponent(".public.old"))
        XCTAssertNil(SiteWriter(output: site.output).checkReplaceable())
        XCTAssertNotNil(site.read("public/index.html"))
    }

    // MARK: 10. Smaller things

    func testScientificNotationIsANumber() {
        XCTAssertEqual(Quantity("1e5")?.value, 100_000)
        XCTAssertEqual(Quantity("1e5")?.unit, MeasureUnit.none)
        XCTAssertEqual(Quantity("2.5e-3")?.value, 0.0025)
        XCTAssertEqual(Quantity("4E+2 ms")?.baseValue, 0.4)
        XCTAssertEqual(Quantity("5 errors")?.unit, .word("errors"))
        XCTAssertEqual(Quantity("3em")?.unit, .word("em"))
    }

    func testScriptWithOnlyATitleAsksForText() throws {
        let result = try check("script title only", ["content/s.md": text("```script\ntitle: Opening\n```\n")], expect: .fails)
        XCTAssertEqual(descriptions(result), ["content/s.md:2: error: script: a script needs 'text:' (the words, with [Placeholders])"])
    }
}

/// Parses a template the way the theme loader does (for the cycle finder's unit test).
func parsedTemplate(_ text: String) throws -> MustacheTemplate { try MustacheTemplate(string: text) }

final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

final class MissingCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

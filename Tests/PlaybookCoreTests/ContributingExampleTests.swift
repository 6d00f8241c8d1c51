import Foundation
import PlaybookMarkdown
import XCTest

@testable import PlaybookCore

// The worked examples of CONTRIBUTING.md, as written there: each compiles and builds a page here.

/// CONTRIBUTING.md, "Adding an output".
/// `urls.txt`: the address of every page in reading order, one per line (absolute with `base_url`),
/// for a link checker or a cache warmer.
struct URLListOutput: SiteOutput {
    func write(_ site: FinishedSite, into sink: OutputSink) -> OutputResult {
        var result = OutputResult()
        let base = site.config.baseURL
        let lines = site.tree.readingOrder.map { path in base.map { PageModelBuilder.absolute($0, path) } ?? path }
        let file = OutputFile(path: "urls.txt", text: lines.joined(separator: "\n") + "\n")
        result.attempt(file.path) { try sink.write(file) }
        return result
    }
}

/// CONTRIBUTING.md, "Adding a block kind".
/// Renders a `glossary` block: terms and what they mean.
struct GlossaryBlock: BlockRenderer {
    var name: String { "glossary" }
    static let fields = ["term", "meaning"]

    func render(_ items: [YAMLNode], title: String?, context: BlockContext) -> BlockResult {
        var result = BlockResult()
        var rows: [(String, String)] = []
        for node in items {
            guard
                var fields = FieldReader.item(
                    node, kind: "glossary", known: Self.fields, shape: "each item must be a mapping with 'term' and 'meaning'",
                    problems: &result.problems)
            else { continue }
            let term = fields.text("term", required: true)
            let meaning = fields.text("meaning", required: true)
            result.problems += fields.problems
            if let term, let meaning { rows.append((term, meaning)) }
        }
        guard result.problems.isEmpty else { return result }
        var html = "<figure class=\"pb-block pb-glossary\">\n" + BlockTable.open(label: title ?? "Glossary", columns: ["Term", "Meaning"])
        for (term, meaning) in rows { html += "<tr><th scope=\"row\">\(context.inline(term))</th><td>\(context.inline(meaning))</td></tr>\n" }
        result.html = html + BlockTable.close() + "</figure>"
        return result
    }
}

/// CONTRIBUTING.md, "A kind that feeds the dashboard": a `decisions` block and its dashboard part.
/// Sources/PlaybookCore/Blocks/Decisions/DecisionEntry.swift
struct DecisionEntry: BlockItem {
    var decision: String
    var date: Day?
    var location: ItemLocation
}

/// Sources/PlaybookCore/Blocks/Decisions/DecisionsBlock.swift
struct DecisionsBlock: BlockRenderer {
    var name: String { "decisions" }
    var itemTypes: [any BlockItem.Type] { [DecisionEntry.self] }
    var dashboardPart: (any DashboardPart.Type)? { DecisionsDashboard.self }

    func render(_ items: [YAMLNode], title: String?, context: BlockContext) -> BlockResult {
        var result = BlockResult()
        var decisions: [DecisionEntry] = []
        for node in items {
            guard
                var fields = FieldReader.item(
                    node, kind: "decisions", known: ["decision", "date"], shape: "each item must be a mapping with 'decision'",
                    problems: &result.problems)
            else { continue }
            let decision = fields.text("decision", required: true)
            let date = fields.day("date")
            result.problems += fields.problems
            if let decision { decisions.append(DecisionEntry(decision: decision, date: date, location: context.location(line: node.line))) }
        }
        result.html = "<ul class=\"pb-block pb-decisions\">\n"
        for entry in decisions { result.html += "<li>\(context.inline(entry.decision))</li>\n" }
        result.html += "</ul>"
        result.items[DecisionEntry.self] = decisions.map { entry in
            var entry = entry
            entry.decision = context.plain(entry.decision)
            return entry
        }
        return result
    }
}

/// Sources/PlaybookCore/Blocks/Decisions/DecisionsDashboard.swift
struct DecisionsDashboard: DashboardPart {
    var decisions: [SiteBlocks.Sourced<DecisionEntry>]

    static func hasItems(in blocks: PageBlocks) -> Bool { !blocks[DecisionEntry.self].isEmpty }

    init(_ site: SiteBlocks, days: StatusSummary.Days) {
        decisions = site.all(DecisionEntry.self).filter { ($0.item.date ?? days.today) <= days.today }
    }

    var headline: (label: String, text: String)? { decisions.isEmpty ? nil : ("Decisions", "\(decisions.count) recorded") }
    var counts: [String: Any] { ["decisions": decisions.count] }
    func addLists(to lists: inout StatusLists) {}

    var section: DashboardSection? {
        DashboardSection(
            title: "Decisions", entries: decisions.map { ("\($0.item.date.map { "\($0): " } ?? "")\($0.item.decision)", $0.item.location, $0.page) })
    }
}

final class ContributingExampleTests: XCTestCase {
    func testTheOutputExampleWritesItsFileBesideTheSite() throws {
        var options = BuildOptions(root: fixturesFolder().appendingPathComponent("basic/site"))
        options.baseURL = "https://example.org/pb/"
        options.outputs = OutputRegistry.site + [URLListOutput()]
        let result = SiteBuild(options: options).plan()
        XCTAssertTrue(result.succeeded, "\(result.diagnostics)")
        let files = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0.data) })
        let urls = String(decoding: try XCTUnwrap(files["urls.txt"]), as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(urls.first, "https://example.org/pb/")
        XCTAssertGreaterThan(urls.count, 2)
        for url in urls {
            // Folder addresses end in "/" (their index.html).
            var path = String(url.dropFirst("https://example.org/pb/".count))
            if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
            XCTAssertNotNil(files[path], "\(url) is a page of the site")
        }
        XCTAssertNotNil(files["index.html"], "the site's own outputs still run")
    }

    func testOutputsTheSiteDoesNotWantDoNotRun() throws {
        var options = BuildOptions(root: fixturesFolder().appendingPathComponent("basic/site"))
        options.outputs = [URLListOutput()]
        let result = SiteBuild(options: options).plan()
        XCTAssertEqual(result.files.map(\.path), ["urls.txt"], "only the outputs the command picked")
    }

    func testTheBlockExampleBuildsAPage() throws {
        let site = try TempSite()
        try site.write("content/index.md", "# Terms\n\n```glossary\n- term: SLO\n  meaning: A target for a *service level*.\n```\n")
        var options = BuildOptions(root: site.root)
        options.blockKinds = BlockKinds.standard.adding(GlossaryBlock())
        let result = SiteBuild(options: options).plan()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let page = String(decoding: try XCTUnwrap(result.files.first { $0.path == "index.html" }).data, as: UTF8.self)
        XCTAssertTrue(page.contains("<th scope=\"row\">SLO</th><td>A target for a <em>service level</em>.</td>"), page)
        let standard = SiteBuild(options: BuildOptions(root: site.root)).plan().files.first { $0.path == "index.html" }
        XCTAssertFalse(String(decoding: try XCTUnwrap(standard).data, as: UTF8.self).contains("pb-glossary"), "without the kind it stays code")
    }

    func testTheBlockExampleRendersItsTable() throws {
        let yaml = "- term: SLO\n  meaning: A target for a *service level*.\n- term: P1\n  meaning: Do it this week.\n"
        let items = try XCTUnwrap(try YAMLReader().read(yaml).get()?.sequence)
        let context = BlockContext(
            config: SiteConfig(), buildDate: Day(unixTime: 0), markdown: MarkdownRenderer(), pagePath: "glossary.html", pageVars: [:],
            ids: PageIDs(prefix: ""))
        let result = GlossaryBlock().render(items, title: nil, context: context)
        XCTAssertEqual(result.problems.map(\.description), [])
        XCTAssertTrue(result.html.contains("<th scope=\"row\">SLO</th><td>A target for a <em>service level</em>.</td>"), result.html)
        let missing = GlossaryBlock().render(try XCTUnwrap(try YAMLReader().read("- term: SLO\n").get()?.sequence), title: nil, context: context)
        XCTAssertFalse(missing.problems.isEmpty, "a term without its meaning is an error")
    }

    func testTheDashboardKindExampleFeedsTheDashboardAndTheReport() throws {
        let site = try TempSite()
        try site.write(
            "content/index.md",
            "# Log\n\n```decisions\n- decision: Keep **one** queue\n  date: 2026-01-12\n- decision: Move the batch job\n  date: 2026-01-20\n```\n")
        var options = BuildOptions(root: site.root)
        options.blockKinds = BlockKinds.standard.adding(DecisionsBlock())
        options.buildDate = Day("2026-01-28")!
        let result = SiteBuild(options: options).plan()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let dashboard = String(decoding: try XCTUnwrap(result.files.first { $0.path == "dashboard.html" }).data, as: UTF8.self)
        XCTAssertTrue(dashboard.contains("<li><strong>Decisions</strong> 2 recorded</li>"), dashboard)
        XCTAssertTrue(dashboard.contains("<h2>Decisions</h2>"), dashboard)
        XCTAssertTrue(dashboard.contains(">2026-01-12: Keep one queue</a></li>"), dashboard)
        let report = StatusReport(options: options).render(.text)
        XCTAssertEqual(report.diagnostics.map(\.description), [])
        XCTAssertTrue(
            try XCTUnwrap(report.text).contains("Decisions\n- 2026-01-12: Keep one queue\n- 2026-01-20: Move the batch job\n"), report.text ?? "")
        let markdown = try XCTUnwrap(StatusReport(options: options).render(.md).text)
        XCTAssertTrue(markdown.contains("## Decisions\n\n- "), markdown)
        // Without the kind: no dashboard (nothing feeds it), and the block stays code.
        XCTAssertNil(SiteBuild(options: BuildOptions(root: site.root)).plan().files.first { $0.path == "dashboard.html" })
    }
}

import XCTest

@testable import PlaybookCore

/// The site model of block items, the dashboard page and the status report.
final class DashboardTests: XCTestCase {
    let buildDate = Day("2026-01-28")!  // a Wednesday

    var fixture: URL { fixturesFolder().appendingPathComponent("dashboard") }

    func options(output: URL? = nil) -> BuildOptions {
        var options = BuildOptions(root: fixture.appendingPathComponent("site"), output: output)
        options.buildDate = buildDate
        return options
    }

    /// Compares `text` with `Fixtures/dashboard/expected/NAME`; `UPDATE_GOLDENS=1` rewrites it.
    func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try Golden.assert(text, matches: fixture.appendingPathComponent("expected").appendingPathComponent(name), file: file, line: line)
    }

    func plannedSite() -> [String: String] {
        let result = SiteBuild(options: options()).plan()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        return Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) })
    }

    func summary() throws -> StatusSummary {
        let production = SiteBuild(options: options()).siteModel()
        return StatusSummary(try XCTUnwrap(production.site), today: buildDate)
    }

    // MARK: - Golden files

    func testDashboardMatchesGoldenFile() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = SiteBuild(options: options(output: output)).run()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let html = try String(contentsOf: output.appendingPathComponent("dashboard.html"), encoding: .utf8)
        try assertGolden(html, "dashboard.html")
    }

    func testReportFormatsMatchGoldenFiles() throws {
        for (format, name) in [(ReportFormat.text, "report.txt"), (.md, "report.md"), (.html, "report.html")] {
            let (text, diagnostics) = StatusReport(options: options()).render(format)
            XCTAssertEqual(diagnostics.map(\.description), [])
            try assertGolden(try XCTUnwrap(text), name)
        }
    }

    func testReportAndDashboardAreReproducible() throws {
        let first = StatusReport(options: options()).render(.html).text
        XCTAssertEqual(first, StatusReport(options: options()).render(.html).text)
        XCTAssertEqual(plannedSite()["dashboard.html"], plannedSite()["dashboard.html"])
    }

    // MARK: - What the dashboard says

    func testKPIsAreGroupedMissedFirstWithTrends() throws {
        let summary = try summary()
        XCTAssertEqual(summary[KPIDashboard.self]!.groups.map(\.status), [.missed, .noData, .targetNotSet, .met])
        let kpis = Dictionary(uniqueKeysWithValues: summary[KPIDashboard.self]!.groups.flatMap(\.kpis).map { ($0.item.name, $0.item) })
        XCTAssertEqual(kpis["p95 latency"]?.trend, .improving, "300 → 260 → 240 ms with a < target")
        XCTAssertEqual(kpis["Error rate"]?.trend, .worsening, "0.2 → 0.3 → 0.4 % moves away from ≤ 0.5 %")
        XCTAssertEqual(kpis["Error rate"]?.status, .met)
        XCTAssertEqual(kpis["Uptime"]?.trend, .flat)
        XCTAssertNil(kpis["Patch time"]?.trend, "no figures, no trend")
        XCTAssertEqual(summary[KPIDashboard.self]!.worsening.map(\.item.name), ["Error rate"])
    }

    func testEscalationsOverdueReviewsAndP1() throws {
        let summary = try summary()
        XCTAssertEqual(
            summary[RiskDashboard.self]!.escalated.map(\.item.risk), ["Payments integration slips", "Knowledge held by <one> engineer"],
            "score 20 ≥ 15, and 9 ≥ its own escalate_at 9; the draft's risk is not included")
        XCTAssertEqual(summary[RiskDashboard.self]!.overdueReviews.map(\.item.risk), ["Payments integration slips"])
        XCTAssertEqual(summary[RiskDashboard.self]!.reviewsDue.map(\.item.reviewDue?.description), ["2026-02-02", "2026-02-03"])
        XCTAssertEqual(summary[PriorityDashboard.self]!.p1.map(\.item.task), ["Fix the checkout timeout", "Add dependency scanning"])
    }

    func testChecklistProgressAndOverdueItems() throws {
        let summary = try summary()
        XCTAssertEqual(summary[ChecklistDashboard.self]!.progress.map(\.page.title), ["Launch week"])
        XCTAssertEqual(summary[ChecklistDashboard.self]!.done, 2, "a done: true item and an [x] task")
        XCTAssertEqual(summary[ChecklistDashboard.self]!.total, 7)
        XCTAssertEqual(summary[ChecklistDashboard.self]!.overdueItems.map(\.item.text), ["Load-test checkout"], "done items are never overdue")
        XCTAssertEqual(summary[ChecklistDashboard.self]!.itemsDue.map(\.item.text), ["Write the runbook"])
    }

    func testMeetingsInTheNextSevenDays() throws {
        let summary = try summary()
        let lines = summary[CadenceDashboard.self]!.meetings.map { "\($0.meeting.item.name): \($0.days.map(\.description).joined(separator: " "))" }
        XCTAssertEqual(
            lines,
            [
                "Stand-up: 2026-01-28 2026-01-29 2026-01-30 2026-02-02 2026-02-03",
                "Architecture forum: 2026-01-28",
                "Status report: 2026-01-30",
                "Month-end review: 2026-01-31",
                "Launch go/no-go: 2026-02-02",
                "Pairing: ",
            ])
    }

    func testItemsKnowTheirPageHeadingAndLine() throws {
        let site = try XCTUnwrap(SiteBuild(options: options()).siteModel().site)
        let kpis = site.all(KPIEntry.self)
        let latency = try XCTUnwrap(kpis.first { $0.item.name == "p95 latency" })
        XCTAssertEqual(latency.page.path, "metrics/service.html")
        XCTAssertEqual(latency.item.location.anchor, "latency")
        XCTAssertEqual("\(latency.item.location.file):\(latency.item.location.line)", "content/metrics/service.md:8")
        let load = try XCTUnwrap(kpis.first { $0.item.name == "Database load" })
        XCTAssertEqual("\(load.item.location.file):\(load.item.location.line)", "data/db-kpis.csv:3", "items from data files keep its lines")
        XCTAssertEqual(load.item.location.anchor, "from-the-warehouse")
        let list = try XCTUnwrap(site.all(ChecklistEntry.self).first)
        XCTAssertEqual(list.item.location.anchor, "pb-checklist-1", "a checklist links to itself")
        let tasks = try XCTUnwrap(site.all(ChecklistEntry.self).last)
        XCTAssertEqual(tasks.item.items.map(\.text), ["Send the launch note", "Collect feedback"])
        XCTAssertEqual("\(tasks.item.location.file):\(tasks.item.location.line)", "content/plan/week.md:24")
    }

    func testDashboardLinksEveryEntryToItsPlace() throws {
        let files = plannedSite()
        let dashboard = try XCTUnwrap(files["dashboard.html"])
        XCTAssertTrue(dashboard.contains("href=\"metrics/database.html#from-the-warehouse\""))
        XCTAssertTrue(dashboard.contains("href=\"plan/week.html#pb-checklist-1\""))
        XCTAssertTrue(dashboard.contains("Knowledge held by &lt;one&gt; engineer"), "values are escaped, and kept")
        XCTAssertTrue(dashboard.contains("<title>Dashboard · Team &lt;Status&gt; &amp; Co</title>"))
        // Every anchor the dashboard links to exists on its page.
        let links = dashboard.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        for link in links where link.contains("#") {
            let parts = link.components(separatedBy: "#")
            let page = parts[0].isEmpty ? dashboard : try XCTUnwrap(files[parts[0]], link)
            XCTAssertTrue(page.contains("id=\"\(parts[1])\""), "\(link) has no target")
        }
        // Home and every page's navigation link to it.
        XCTAssertTrue(try XCTUnwrap(files["index.html"]).contains("<a href=\"dashboard.html\">Dashboard</a>: "))
        XCTAssertTrue(
            try XCTUnwrap(files["metrics/service.html"]).contains("<li class=\"pb-nav-extra\"><a href=\"../dashboard.html\">Dashboard</a></li>"))
        XCTAssertTrue(dashboard.contains("<a href=\"dashboard.html\" aria-current=\"page\">Dashboard</a>"))
    }

    func testNoDashboardWithoutItemsOrWhenSwitchedOff() throws {
        let plain = try TempSite(["content/index.md": "# Home\n\nNo blocks here.\n"])
        plain.build()
        XCTAssertNil(plain.read("public/dashboard.html"))
        XCTAssertFalse(plain.read("public/index.html")?.contains("dashboard.html") ?? true)

        let off = try TempSite(["content/index.md": "# Home\n\n- [ ] a task\n", "playbook.yml": "dashboard: false\n"])
        XCTAssertTrue(off.build().succeeded)
        XCTAssertNil(off.read("public/dashboard.html"))

        let on = try TempSite(["content/index.md": "# Home\n", "playbook.yml": "dashboard: true\n"])
        XCTAssertTrue(on.build().succeeded)
        XCTAssertTrue(on.read("public/dashboard.html")?.contains("No meetings, due items or reviews") ?? false)

        let bad = try TempSite(["content/index.md": "# Home\n", "playbook.yml": "dashboard: sometimes\n"])
        XCTAssertEqual(bad.build().diagnostics.map(\.description), ["playbook.yml:1: error: 'dashboard' must be auto, true or false"])
    }

    func testAPageCannotTakeTheDashboardsPath() throws {
        let site = try TempSite(["content/index.md": "# Home\n", "content/dashboard.md": "# Mine\n"])
        XCTAssertFalse(site.build().succeeded)
    }

    func testIncrementalBuildUpdatesTheDashboard() throws {
        let site = try TempSite([
            "content/index.md": "# Home\n",
            "content/a.md": "# A\n\n```kpi\n- name: Speed\n  target: < 10ms\n  actual: 12ms\n```\n",
            "content/b.md": "# B\n\n```risks\n- risk: Outage\n  likelihood: 5\n  impact: 5\n```\n",
        ])
        var options = BuildOptions(root: site.root)
        options.useCache = true
        options.buildDate = buildDate
        XCTAssertTrue(SiteBuild(options: options).run().succeeded)
        XCTAssertTrue(site.read("public/dashboard.html")?.contains("Missed") ?? false)
        try site.write("content/a.md", "# A\n\n```kpi\n- name: Speed\n  target: < 10ms\n  actual: 8ms\n```\n")
        XCTAssertTrue(SiteBuild(options: options).run().succeeded)
        let dashboard = try XCTUnwrap(site.read("public/dashboard.html"))
        XCTAssertTrue(dashboard.contains("<strong>KPIs</strong> 1 of 1 met"), "the edited page's KPI is re-read")
        XCTAssertTrue(dashboard.contains("Outage"), "the unchanged page's risk comes from the cache")

        // An edit that leaves every block alone reuses the dashboard file; the result equals a clean build.
        func inode() throws -> Int? {
            try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent("dashboard.html").path)[.systemFileNumber] as? Int
        }
        let before = try inode()
        try site.write("content/b.md", "# B\n\n```risks\n- risk: Outage\n  likelihood: 5\n  impact: 5\n```\n\nNew prose below.\n")
        XCTAssertTrue(SiteBuild(options: options).run().succeeded)
        XCTAssertEqual(try inode(), before, "dashboard.html was linked in unchanged")
        try site.write("content/b.md", "# B\n\n```risks\n- risk: Outage\n  likelihood: 1\n  impact: 5\n```\n")
        XCTAssertTrue(SiteBuild(options: options).run().succeeded)
        XCTAssertFalse(site.read("public/dashboard.html")?.contains("Outage</a> <span") ?? true, "no longer escalated")
        var clean = options
        clean.useCache = false
        clean.output = site.root.appendingPathComponent("clean")
        XCTAssertTrue(SiteBuild(options: clean).run().succeeded)
        XCTAssertEqual(site.read("clean/dashboard.html"), site.read("public/dashboard.html"))
    }

    func testASiteCanOverrideTheReportTemplates() throws {
        let site = try TempSite([
            "content/index.md": "# Home\n\n```kpi\n- name: Speed *now*\n  target: < 10ms\n  actual: 12ms\n```\n",
            "playbook.yml": "title: A & B\n",
            "layouts/report.txt.mustache": "{{site.title}}: {{#report.kpis}}{{name}} {{status}}{{/report.kpis}} {{report.titel}}\n",
            "layouts/report.md.mustache": "# {{site.title}}\n{{#report.kpis}}- {{name}}{{/report.kpis}}\n",
        ])
        var options = BuildOptions(root: site.root)
        options.buildDate = buildDate
        let text = StatusReport(options: options).render(.text)
        XCTAssertEqual(text.text, "A & B: Speed now missed \n", "text reports are not HTML-escaped")
        XCTAssertEqual(
            text.diagnostics.map(\.description),
            [
                "layouts/report.txt.mustache: warning: report.txt (or a partial it uses) refers to 'titel', which the report model does not have (a typo?)"
            ])
        XCTAssertEqual(StatusReport(options: options).render(.md).text, "# A & B\n- Speed now\n")
    }

    func testReportListsStopAfterSixEntriesAndCountTheRest() throws {
        let risks = (1...9).map { "- risk: Risk \($0)\n  likelihood: 5\n  impact: 4\n" }.joined()
        let site = try TempSite(["content/index.md": "# Home\n\n```risks\n\(risks)```\n"])
        var options = BuildOptions(root: site.root)
        options.buildDate = buildDate
        let text = try XCTUnwrap(StatusReport(options: options).render(.text).text)
        XCTAssertTrue(text.contains("- Risk 6: score 20 (critical)\n- … and 3 more risks\n"), text)
        XCTAssertFalse(text.contains("Risk 7"))
        XCTAssertTrue(text.contains("Risks:      9 of 9 to escalate"), "the headline counts all of them")
        let dashboard = try XCTUnwrap(SiteBuild(options: options).plan().files.first { $0.path == "dashboard.html" })
        XCTAssertTrue(String(decoding: dashboard.data, as: UTF8.self).contains("Risk 9"), "the dashboard lists every one")
    }

    // MARK: - The example playbook

    func testExampleDashboardShowsEveryBlockKindAndItsReportFitsOnePage() throws {
        var options = BuildOptions(root: repositoryRoot())
        options.buildDate = Day("2026-11-30")!
        let result = SiteBuild(options: options).plan()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let dashboard = String(decoding: try XCTUnwrap(result.files.first { $0.path == "dashboard.html" }).data, as: UTF8.self)
        // kpi, risks, priorities, checklist, cadence, script and phrases are all used in content/.
        for marker in [
            "id=\"pb-dash-kpis\"", "id=\"pb-dash-risks\"", "id=\"pb-dash-priorities\"", "id=\"pb-dash-checklists\"",
            "Daily stand-up</a>", "Fill-in scripts: <a", "Phrases: <a", "pb-trend-worsening",
        ] {
            XCTAssertTrue(dashboard.contains(marker), "the example's dashboard lacks \(marker)")
        }
        let (text, diagnostics) = StatusReport(options: options).render(.text)
        XCTAssertEqual(diagnostics.map(\.description), [])
        let lines = try XCTUnwrap(text).split(separator: "\n", omittingEmptySubsequences: false).count
        XCTAssertLessThanOrEqual(lines, 60)
        XCTAssertGreaterThan(lines, 15)
    }

    // MARK: - Small parts

    func testTrendFollowsTheBetterDirection() {
        func trend(_ history: [String], _ actual: String?, target: String?, better: String? = nil) -> Trend? {
            let target = target.flatMap { text -> Target? in if case .target(let t) = Target.parse(text) { return t } else { return nil } }
            let kpi = KPI(
                name: "k", target: target, actual: actual.flatMap(Quantity.init), better: better,
                history: history.compactMap(Quantity.init), status: .met, line: 1)
            return kpi.trend
        }
        XCTAssertEqual(trend(["10"], "12", target: "> 5"), .improving)
        XCTAssertEqual(trend(["10"], "8", target: "> 5"), .worsening)
        XCTAssertEqual(trend(["10"], "8", target: "< 5"), .improving)
        XCTAssertEqual(trend(["10"], "12", target: nil, better: "lower"), .worsening)
        XCTAssertEqual(trend(["10", "12"], nil, target: "< 5"), .worsening, "without an actual the last history value counts")
        XCTAssertEqual(trend(["3"], "1", target: "0"), .improving, "an exact target: closer is better")
        XCTAssertEqual(trend(["-1"], "2", target: "0"), .worsening)
        XCTAssertEqual(trend(["2"], "-2", target: "0"), .flat)
        XCTAssertEqual(trend(["250ms"], "0.25s", target: "< 200ms"), .flat, "units are compared in base units")
        XCTAssertNil(trend(["1"], "2", target: nil), "no target and no better: no direction")
        XCTAssertNil(trend([], "2", target: "> 1"))
    }

    func testMeetingScheduleFollowsTheCalendarRules() {
        func days(_ every: String?, _ start: String, from: String, through: String) -> [String]? {
            let meeting = MeetingEntry(
                name: "m", every: every, start: LocalDateTime(start), minutes: 30, audience: nil,
                location: ItemLocation(page: "", file: "", line: 1, blockLine: 1))
            return MeetingSchedule.days(of: meeting, from: Day(from)!, through: Day(through)!)?.map(\.description)
        }
        XCTAssertEqual(days("weekday", "2026-01-01T09:00", from: "2026-01-09", through: "2026-01-12"), ["2026-01-09", "2026-01-12"], "Fri, then Mon")
        XCTAssertEqual(days("weekly", "2026-01-02T09:00", from: "2026-01-10", through: "2026-01-16"), ["2026-01-16"])
        XCTAssertEqual(days("biweekly", "2026-01-02T09:00", from: "2026-01-03", through: "2026-01-16"), ["2026-01-16"])
        XCTAssertEqual(days("monthly", "2026-01-31T09:00", from: "2026-02-01", through: "2026-03-31"), ["2026-03-31"], "February has no 31st")
        XCTAssertEqual(days("ad hoc", "2026-02-02T09:00", from: "2026-01-28", through: "2026-02-03"), ["2026-02-02"])
        XCTAssertEqual(
            days("daily", "2026-02-02T09:00", from: "2026-01-28", through: "2026-02-03"), ["2026-02-02", "2026-02-03"], "not before the start")
        XCTAssertEqual(days("daily", "2026-03-01T09:00", from: "2026-01-28", through: "2026-02-03"), [])
        let unscheduled = MeetingEntry(
            name: "m", every: "daily", start: nil, minutes: nil, audience: nil,
            location: ItemLocation(page: "", file: "", line: 1, blockLine: 1))
        XCTAssertNil(MeetingSchedule.days(of: unscheduled, from: buildDate, through: buildDate))
    }

    func testDayNamesAndRelativeDates() {
        XCTAssertEqual(Day("1970-01-01")!.weekday, 3, "a Thursday")
        XCTAssertEqual(Day("2026-01-28")!.long, "Wed 28 Jan 2026")
        XCTAssertEqual(Day("1969-12-29")!.short, "Mon 29 Dec")
        XCTAssertEqual(Day("2026-01-28")!.relative(to: buildDate), "today")
        XCTAssertEqual(Day("2026-01-29")!.relative(to: buildDate), "tomorrow")
        XCTAssertEqual(Day("2026-02-02")!.relative(to: buildDate), "in 5 days")
        XCTAssertEqual(Day("2026-01-27")!.relative(to: buildDate), "yesterday")
        XCTAssertEqual(Day("2025-12-28")!.relative(to: buildDate), "31 days ago")
        XCTAssertEqual(CadenceDashboard.days([Day("2026-01-30")!, Day("2026-02-02")!, Day("2026-02-03")!]), "Fri 30 Jan, Mon 2, Tue 3 Feb")
        XCTAssertEqual(CadenceDashboard.duration(90), "1 h 30 min")
    }

    func testMarkdownReportEscapesMarkup() {
        let markdown = PlaybookMarkdownText()
        XCTAssertEqual(markdown.escapeText("a *b* [c](d) `e` <b> < 200ms"), "a \\*b\\* \\[c\\](d) \\`e\\` \\<b> < 200ms")
        XCTAssertEqual(markdown.escapeText("plain text"), "plain text")
    }

    func testCacheKeepsBlockItems() throws {
        var page = RenderedPage(
            source: PageSource(
                path: "content/a.md", folders: [], baseName: "a", kind: .page, frontMatter: FrontMatter(),
                body: "", bodyLineOffset: 0), outputPath: "a.html", title: "A", summary: "", html: "", headings: [], startsWithTitle: false, links: []
        )
        let summary = try summary()
        page.blocks[KPIEntry.self] = summary[KPIDashboard.self]!.groups.flatMap(\.kpis).map(\.item)
        page.blocks[RiskEntry.self] = summary[RiskDashboard.self]!.escalated.map(\.item)
        page.blocks[MeetingEntry.self] = summary[CadenceDashboard.self]!.meetings.map(\.meeting.item)
        page.blocks[ChecklistEntry.self] = summary[ChecklistDashboard.self]!.progress.flatMap(\.lists)
        page.blocks[PriorityEntry.self] = summary[PriorityDashboard.self]!.p1.map(\.item)
        page.blocks[ScriptEntry.self] = [
            ScriptEntry(location: ItemLocation(page: "a.html", file: "content/a.md", line: 3, blockLine: 2, anchor: nil))
        ]
        var writer = BinaryWriter()
        writer.write(page.blocks)
        var reader = BinaryReader(bytes: writer.bytes)
        reader.blockItems = .standard
        XCTAssertEqual(try reader.read(PageBlocks.self), page.blocks)
        XCTAssertTrue(reader.isAtEnd)
    }
}

import PlaybookMarkdown
import XCTest

@testable import PlaybookCore

final class BlockTests: XCTestCase {
    // MARK: - KPI targets and units

    func status(_ actual: String?, _ target: String, better: String? = nil) -> KPI.Status {
        guard case .target(let parsed) = Target.parse(target) else { return .targetNotSet }
        return KPIBlock.evaluate(target: parsed, actual: actual.flatMap(Quantity.init), better: better)
    }

    func testTargetComparisonsFromTheIssue() {
        XCTAssertEqual(status("0.25s", "< 200ms"), .missed)
        XCTAssertEqual(status("0.15s", "< 200ms"), .met)
        XCTAssertEqual(status("99.995%", "99.99%", better: "higher"), .met)
        XCTAssertEqual(status("99.98%", "99.99%", better: "higher"), .missed)
        XCTAssertEqual(status("0", "0"), .met)
        XCTAssertEqual(status("1", "0"), .missed)
        XCTAssertEqual(status(nil, "< 50ms"), .noData)
        XCTAssertEqual(status("12 minutes", "< 15 minutes"), .met)
        XCTAssertEqual(status("2 days", "< 24 hours"), .missed)
        XCTAssertEqual(status("900s", "<= 15min"), .met)
        XCTAssertEqual(status("30ms", "≤ 30ms"), .met)
        XCTAssertEqual(status("31ms", "≥ 30ms"), .met)
        XCTAssertEqual(status("60", "50", better: "lower"), .missed)
        XCTAssertEqual(status("1,500 rps", "> 1,000 rps"), .met)
    }

    func testTargetGrammar() {
        XCTAssertEqual(Target.parse("[Define Target]"), .placeholder)
        XCTAssertEqual(Target.parse("fast"), .invalid)
        XCTAssertEqual(Target.parse("< nan"), .invalid)
        XCTAssertEqual(Target.parse("inf"), .invalid)
        XCTAssertEqual(Target.parse("1,00"), .invalid)
        guard case .target(let target) = Target.parse(">= 1,000 requests") else { return XCTFail() }
        XCTAssertEqual(target.comparator, .greaterOrEqual)
        XCTAssertEqual(target.quantity.value, 1000)
        XCTAssertEqual(target.quantity.unit, .word("requests"))
        XCTAssertEqual(Quantity("24 hours")?.formatted, "24h")
        XCTAssertEqual(Quantity("0.1%")?.formatted, "0.1%")
    }

    /// `NumberText.fixed` calls the C library's `vsnprintf`; Foundation's `String(format:)`, which it
    /// replaced, is the reference: the same text for every kind of value (ties, negatives, tiny and huge).
    func testFixedDecimalsAreWhatStringFormatWrites() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [
            0, -0.0, 0.5, 0.00005, 0.00015, 1.00005, 2.5, -2.5, 0.1 + 0.2, 1e-9, 123_456.789_05, 1e15, 1e20, 1e60, 1e300, -1e300,
            .greatestFiniteMagnitude, .leastNonzeroMagnitude, .infinity, -.infinity, .nan,
        ]
        for _ in 0..<5_000 {
            values.append(Double.random(in: -1000...1000, using: &generator))
            values.append(Double(Int.random(in: -100_000...100_000, using: &generator)) / 10_000 + 0.000_05)
            values.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)))
        }
        for value in values {
            XCTAssertEqual(NumberText.fixed(value), String(format: "%.4f", value), "\(value.bitPattern)")
        }
        XCTAssertEqual(NumberText.format(12.5), "12.5")
        XCTAssertEqual(NumberText.format(0.12345), "0.1235")
        XCTAssertEqual(NumberText.format(-3), "-3")
        XCTAssertEqual(NumberText.format(1e-9), "0")
        XCTAssertEqual(NumberText.format(-1e-9), "-0")
    }

    /// `format`'s shortcut for values near a whole number of ten-thousandths gives the text that
    /// trimming `%.4f` does: over such values (sparkline coordinates among them), values near ties,
    /// and arbitrary ones (which it declines).
    func testNumbersNearTenThousandthsAreWrittenAsTrimmedFixedDecimals() {
        func trimmed(_ value: Double) -> String {
            var text = NumberText.fixed(value)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0.5, -0.5, 0.0001, -0.0001, 0.00004, -0.00004, 0.00005, 0.00015, 12.3456, 1e-9, -1e-9, 99_999.9999, 1e10 + 0.5]
        for _ in 0..<20_000 {
            values.append((Double.random(in: -1000...1000, using: &generator) * 100).rounded() / 100)
            values.append(Double(Int.random(in: -10_000_000...10_000_000, using: &generator)) / 10_000)
            values.append(Double(Int.random(in: -100_000...100_000, using: &generator)) / 10_000 + 0.000_05)
            let noise = Double.random(in: -0.002...0.002, using: &generator) / 10_000
            values.append(Double(Int.random(in: -100_000...100_000, using: &generator)) / 10_000 + noise)
            values.append(Double.random(in: -1e12...1e12, using: &generator))
        }
        var taken = 0
        for value in values where value != value.rounded() {
            guard let text = NumberText.nearlyTenThousandths(value) else { continue }
            taken += 1
            XCTAssertEqual(text, trimmed(value), "\(value.bitPattern)")
        }
        XCTAssertGreaterThan(taken, 40_000, "most of these values take the shortcut")
    }
    func testUnitCompatibility() {
        XCTAssertTrue(MeasureUnit("ms").isComparable(with: MeasureUnit("minutes")))
        XCTAssertFalse(MeasureUnit("ms").isComparable(with: MeasureUnit("%")))
        XCTAssertFalse(MeasureUnit("").isComparable(with: MeasureUnit("%")))
        XCTAssertFalse(MeasureUnit("rps").isComparable(with: MeasureUnit("qps")))
    }

    func testKPISummaryLine() {
        func kpi(_ status: KPI.Status) -> KPI {
            KPI(name: "x", group: nil, targetText: nil, target: nil, actual: nil, better: nil, history: [], note: nil, status: status, line: 1)
        }
        let kpis = [KPI.Status.met, .met, .met, .met, .met, .missed, .noData, .noData].map(kpi)
        XCTAssertEqual(KPIBlock.summary(kpis), "5 of 8 met · 1 missed · 2 without data")
    }

    // MARK: - Risks

    func risk(_ l: Int, _ i: Int, review: String? = nil, reviewed: String? = nil) -> Risk {
        Risk(
            risk: "r\(l)\(i)", likelihood: l, impact: i, owner: nil, mitigation: nil, review: review,
            reviewed: reviewed.flatMap(Day.init), escalateAt: 15, line: 1)
    }

    func testRiskScoreBandsAndOrder() {
        let bands = RiskBands()
        XCTAssertEqual(
            [4, 5, 9, 10, 14, 15, 25].map { RiskBlock.band($0, bands).rawValue }, ["low", "medium", "medium", "high", "high", "critical", "critical"])
        let sorted = RiskBlock.sorted([risk(1, 2), risk(3, 5), risk(5, 3), risk(2, 1)])
        XCTAssertEqual(sorted.map(\.risk), ["r35", "r53", "r12", "r21"], "ties keep source order")
    }

    func testReviewOverdue() {
        let today = Day("2026-11-30")!
        XCTAssertTrue(RiskBlock.isReviewOverdue(risk(1, 1, review: "monthly", reviewed: "2026-10-29"), today: today))
        XCTAssertFalse(RiskBlock.isReviewOverdue(risk(1, 1, review: "monthly", reviewed: "2026-10-30"), today: today))
        XCTAssertTrue(RiskBlock.isReviewOverdue(risk(1, 1, review: "weekly", reviewed: "2026-11-22"), today: today))
        XCTAssertFalse(RiskBlock.isReviewOverdue(risk(1, 1, review: "biweekly", reviewed: "2026-11-16"), today: today))
        XCTAssertFalse(RiskBlock.isReviewOverdue(risk(1, 1, review: "quarterly", reviewed: "2026-08-31"), today: today))
        XCTAssertEqual(Day("2026-01-31")!.adding(months: 1).description, "2026-02-28")
        XCTAssertEqual(Day("2024-12-31")!.adding(days: 1).description, "2025-01-01")
    }

    func testDaysAreTenASCIIDigitsAndDashes() {
        XCTAssertEqual(Day("2024-02-29")?.description, "2024-02-29")
        XCTAssertEqual(Day("0001-01-01")?.description, "0001-01-01")
        for text in [
            "2023-02-29", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-01", "2026-01-1", "2026/01/01", " 2026-01-01", "2026-01-01 ",
            "+026-01-01", "2026-0a-01", "٢٠٢٦-01-01", "2026-01-01\u{301}", "", "2026-01-010",
        ] {
            XCTAssertNil(Day(text), text)
        }
    }

    // MARK: - Priorities

    func testPriorityScoreAndBands() {
        let weights = PriorityWeights()
        XCTAssertEqual(PriorityBlock.score(impact: 3, urgency: 4, effort: 1, risk: 1, weights: weights), 12)
        XCTAssertEqual(PriorityBlock.score(impact: 1, urgency: 1, effort: 3, risk: 3, weights: weights), -2)
        func band(_ score: Int) -> String {
            Priority(task: "", impact: nil, urgency: nil, effort: nil, risk: nil, note: nil, score: score, line: 1).band.rawValue
        }
        XCTAssertEqual([9, 8, 7, 4, 3, -2].map(band), ["P1", "P1", "P2", "P2", "P3", "P3"])
        var custom = PriorityWeights()
        custom.impact = 3
        XCTAssertEqual(PriorityBlock.score(impact: 3, urgency: 1, effort: 1, risk: 1, weights: custom), 9)
    }

    func testPriorityRankingTiesOnUrgencyThenSourceOrder() {
        func item(_ task: String, _ score: Int, _ urgency: Int) -> Priority {
            Priority(task: task, impact: nil, urgency: urgency, effort: nil, risk: nil, note: nil, score: score, line: 1)
        }
        let ranked = PriorityBlock.ranked([item("a", 5, 2), item("b", 5, 3), item("c", 9, 1), item("d", 5, 2)])
        XCTAssertEqual(ranked.map(\.task), ["c", "b", "a", "d"])
    }

    // MARK: - Cadence

    func testDurationsAndRecurrence() {
        XCTAssertEqual(CadenceBlock.minutes("15m"), 15)
        XCTAssertEqual(CadenceBlock.minutes("1h"), 60)
        XCTAssertEqual(CadenceBlock.minutes("1h30m"), 90)
        XCTAssertEqual(CadenceBlock.minutes("90 min"), 90)
        XCTAssertNil(CadenceBlock.minutes("soon"))
        XCTAssertEqual(CadenceBlock.rrule("weekday"), "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
        XCTAssertEqual(CadenceBlock.rrule("biweekly"), "FREQ=WEEKLY;INTERVAL=2")
        XCTAssertEqual(CadenceBlock.rrule("monthly"), "FREQ=MONTHLY")
        XCTAssertNil(CadenceBlock.rrule("ad hoc"))
        XCTAssertNil(LocalDateTime("2026-12-01T25:00"))
    }

    func testICalendarText() {
        let calendar = ICalendar(
            events: [
                ICalendar.Event(
                    uid: "u1@playbook", summary: "Stand-up; daily, short", description: String(repeating: "é", count: 50),
                    start: LocalDateTime("2026-12-01T09:30")!, minutes: 90, rrule: "FREQ=DAILY")
            ], stamp: Day("2026-11-30")!)
        let lines = calendar.text.components(separatedBy: "\r\n")
        XCTAssertTrue(lines.contains("DTSTART:20261201T093000"))
        XCTAssertTrue(lines.contains("DURATION:PT1H30M"))
        XCTAssertTrue(lines.contains("DTSTAMP:20261130T000000Z"))
        XCTAssertTrue(lines.contains("SUMMARY:Stand-up\\; daily\\, short"))
        XCTAssertTrue(lines.allSatisfy { $0.utf8.count <= 75 }, "folded at 75 octets")
        XCTAssertTrue(calendar.text.hasSuffix("END:VCALENDAR\r\n"))
    }

    // MARK: - Scripts

    func testPlaceholders() {
        let parts = ScriptPart.parse("At [Company], [Problem] and [Company]. [not\nthis] []")
        XCTAssertEqual(ScriptPart.placeholders(in: parts), ["Company", "Problem"])
        XCTAssertEqual(parts.first, .text("At "))
    }

    // MARK: - Whole blocks on a page

    func render(_ body: String, files: [String: String] = [:], config: SiteConfig = SiteConfig(), today: String = "2026-11-30") -> (
        RenderedPage, [String]
    ) {
        let source = PageParser().parse(SourceFile(path: "content/p.md", data: Data(body.utf8))).0!
        let renderer = PageRenderer(
            config: config, routes: RouteTable(outputPath: ["content/p.md": "p.html"]), buildDate: Day(today)!,
            dataFiles: files.mapValues { Data($0.utf8) })
        let (page, problems) = renderer.render(source)
        return (page, problems.sortedForDisplay.map(\.description))
    }

    func testBlockErrorsNameFileLineAndField() {
        let body = """
            ---
            title: T
            ---
            Intro

            ```kpi
            - name: Latency
              target: < 200ms
              actual: 5%
            - group: no name
            ```

            ```risks
            - risk: Outage
              likelihood: 7
              impact: huge
            ```

            ```priorities
            - task: X
              urgency: yesterday
              efort: low
            ```
            """
        let (_, problems) = render(body)
        XCTAssertEqual(
            problems,
            [
                "content/p.md:9: error: kpi 'Latency': actual in '%' cannot be compared with a target in 'ms'",
                "content/p.md:10: error: kpi: missing required field 'name'",
                "content/p.md:15: error: risks: field 'likelihood' must be 1–5 or low/medium/high, not '7'",
                "content/p.md:16: error: risks: field 'impact' must be 1–5 or low/medium/high, not 'huge'",
                "content/p.md:21: error: priorities: field 'urgency' must be one of low, medium, high, critical, not 'yesterday'",
                "content/p.md:22: error: priorities: unknown field 'efort'; did you mean 'effort'?",
            ])
    }

    func testBadBlockYAMLPointsIntoTheBlock() {
        let (_, problems) = render("Intro\n\n```checklist\n- ok\n- [unclosed\n```\n")
        XCTAssertEqual(problems.count, 1)
        // The line of the broken construct (`- [unclosed`), not the one after it where libyaml stopped.
        XCTAssertTrue(problems[0].hasPrefix("content/p.md:5: error: checklist: invalid YAML"), problems[0])
    }

    func testOtherFencesStayCode() {
        let (page, problems) = render("```swift\nlet kpi = 1\n```\n")
        XCTAssertEqual(problems, [])
        XCTAssertTrue(page.html.contains("<code class=\"language-swift\">let kpi = 1"))
    }

    func testValuesAreEscaped() {
        let (page, _) = render(
            """
            ```kpi
            - name: "<script>alert(1)</script>"
              target: "< 5"
              actual: 3
              note: "[x](javascript:alert(1)) & <b>"
            ```
            """)
        XCTAssertFalse(page.html.contains("<script>alert"))
        XCTAssertFalse(page.html.contains("javascript:"))
        XCTAssertFalse(page.html.contains("<b>"))
        XCTAssertTrue(page.html.contains("&lt;script&gt;"))
    }

    func testMarkdownTaskListBecomesChecklist() {
        let (page, problems) = render("- [ ] open task\n- [x] done *task*\n- plain\n")
        XCTAssertEqual(problems, [])
        XCTAssertTrue(page.html.contains("1 of 2 done"), page.html)
        XCTAssertTrue(page.html.contains("<label><input type=\"checkbox\" data-pb-item=\"open-task\"> open task</label>"), page.html)
        XCTAssertTrue(page.html.contains("data-pb-item=\"done-task\" checked data-pb-default=\"1\"> done <em>task</em></label>"), page.html)
        XCTAssertTrue(page.html.contains("<li>plain</li>"), page.html)
    }

    func testChecklistOverdueAgainstBuildDate() {
        let body =
            "```checklist\n- text: Late\n  due: 2026-11-29\n- text: Fine\n  due: 2026-11-30\n- text: Done late\n  due: 2026-01-01\n  done: true\n```\n"
        let (page, problems) = render(body)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(page.html.components(separatedBy: "class=\"pb-overdue\"").count - 1, 1)
        XCTAssertTrue(page.html.contains("Overdue: due 2026-11-29"))
    }

    func testSourceFilesInYAMLJSONAndCSV() {
        let files = [
            "data/k.yml": "- name: A\n  target: 1\n  actual: 1\n",
            "data/k.json": "[{\"name\": \"B\", \"target\": \"< 2\", \"actual\": \"3\"}]",
            "data/r.csv": "risk,likelihood,impact\nOutage,5,5\nTypo,1,1\n",
            "data/bad.csv": "risk,likelihood,impact\nOutage,9,5\n",
        ]
        let (page, problems) = render(
            """
            ```kpi
            source: data/k.yml
            ```

            ```kpi
            source: data/k.json
            ```

            ```risks
            source: data/r.csv
            ```

            ```risks
            source: data/bad.csv
            ```

            ```kpi
            source: data/missing.yml
            ```

            ```kpi
            source: ../etc/passwd
            ```
            """, files: files)
        XCTAssertEqual(
            problems,
            [
                "content/p.md:18: error: kpi: source file 'data/missing.yml' not found",
                "content/p.md:22: error: kpi: source '../etc/passwd' must be a file under data/, such as data/kpis.yml",
                "data/bad.csv:2: error: risks: field 'likelihood' must be 1–5 or low/medium/high, not '9'",
            ])
        XCTAssertTrue(page.html.contains("1 of 1 met"))
        XCTAssertTrue(page.html.contains("0 of 1 met · 1 missed"))
        XCTAssertTrue(page.html.contains("25 critical"))
    }

    func testScriptPrefillFromValuesAndVars() {
        let body = "---\nvars:\n  Company: Acme\n---\n```script\ntext: At [Company] we saw [Problem].\nvalues:\n  Problem: slow builds\n```\n"
        let (page, problems) = render(body)
        XCTAssertEqual(problems, [])
        XCTAssertTrue(page.html.contains("<mark class=\"pb-slot\" data-pb-slot=\"Company\">Acme</mark>"), page.html)
        XCTAssertTrue(page.html.contains("value=\"slow builds\""))
        XCTAssertTrue(page.html.contains("<label for=\"pb-script-1-field-1\">Company</label>"))
    }

    func testCadenceWritesCalendarBesideThePage() {
        let (page, problems) = render(
            "```cadence\n- name: Stand-up\n  every: weekday\n  duration: 15m\n  start: 2026-12-01T09:30\n- name: Ad hoc\n  every: ad hoc\n```\n")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(page.attachments.map(\.path), ["p.ics"])
        let text = String(decoding: page.attachments[0].data, as: UTF8.self)
        XCTAssertTrue(text.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\n"))
        XCTAssertEqual(text.components(separatedBy: "BEGIN:VEVENT").count - 1, 1, "only meetings with a start")
        XCTAssertTrue(page.html.contains("href=\"p.ics\""))
    }

    func testBlockValuesAreSearchable() {
        let (page, _) = render("Intro text.\n\n```kpi\n- name: Latency budget\n  target: < 200ms\n  note: \"*p95* of checkout\"\n```\n")
        XCTAssertTrue(page.plainText.contains("Intro text."))
        XCTAssertTrue(page.plainText.contains("Latency budget"))
        XCTAssertTrue(page.plainText.contains("p95 of checkout"), page.plainText)
    }
}

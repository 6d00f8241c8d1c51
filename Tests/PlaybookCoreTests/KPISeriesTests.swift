import Foundation
import XCTest

@testable import PlaybookCore

/// KPI figures from measurement files: `series:` (CSV or a Prometheus query_range response),
/// `window:` and `stale_after:`.
final class KPISeriesTests: XCTestCase {
    func read(_ text: String, path: String = "data/p95.csv", unit: String = "") -> (KPISeries?, [String]) {
        let (series, problems) = KPISeries.read(Data(text.utf8), path: path, unit: MeasureUnit(unit))
        return (series, problems.map(\.description))
    }

    func testCSVPointsAreSortedAndLaterRowsOfADateWin() throws {
        let (series, problems) = read("date,value,note\n2026-11-20,190ms,after the cache\n2026-11-06,240ms,\n2026-11-20,185ms,re-measured\n")
        XCTAssertEqual(problems, [])
        let points = try XCTUnwrap(series?.points)
        XCTAssertEqual(points.map { "\($0.day)" }, ["2026-11-06", "2026-11-20"])
        XCTAssertEqual(points.map(\.value.formatted), ["240ms", "185ms"])
        XCTAssertEqual(points.last?.note, "re-measured")
    }

    func testBareNumbersTakeTheKPIsUnitAndCRLFAndBOMAreFine() throws {
        let bytes = Data([0xEF, 0xBB, 0xBF]) + Data("Date,Value\r\n2026-11-01,180\r\n2026-11-08,175\r\n".utf8)
        let (series, problems) = KPISeries.read(bytes, path: "data/p95.csv", unit: MeasureUnit("ms"))
        XCTAssertEqual(problems, [])
        XCTAssertEqual(series?.points.map(\.value.formatted), ["180ms", "175ms"])
    }

    func testMalformedRowsAreErrorsAtTheirLines() {
        let (series, problems) = read("date,value\n2026-11-01,180ms\n01/11/2026,170ms\n2026-11-09,fast\n2026-02-30,1ms\n")
        XCTAssertNil(series)
        XCTAssertEqual(problems.count, 3)
        XCTAssertTrue(problems[0].hasPrefix("data/p95.csv:3: error: series row: date must be YYYY-MM-DD"), problems[0])
        XCTAssertTrue(problems[1].hasPrefix("data/p95.csv:4: error: series row: value must be a number"), problems[1])
        XCTAssertTrue(problems[2].hasPrefix("data/p95.csv:5: error"), problems[2])
        XCTAssertTrue(read("when,figure\n2026-11-01,1\n").1.first?.contains("must name the columns 'date' and 'value'") ?? false)
        XCTAssertTrue(read("").1.first?.contains("empty") ?? false)
    }

    func testPrometheusQueryRangeResponse() throws {
        let json = """
            {"status":"success","data":{"resultType":"matrix","result":[{"metric":{"job":"checkout"},
            "values":[[1764547200,"0.21"],[1763942400,"0.24"],[1764633600.5,"0.19"]]}]}}
            """
        let (series, problems) = read(json, path: "data/p95.json", unit: "s")
        XCTAssertEqual(problems, [])
        let points = try XCTUnwrap(series?.points)
        XCTAssertEqual(points.map { "\($0.day)" }, ["2025-11-24", "2025-12-01", "2025-12-02"])
        XCTAssertEqual(points.last?.value.formatted, "0.19s")
    }

    func testPrometheusShapesThatAreNotOneSeriesAreErrors() {
        func problem(_ json: String) -> String { read(json, path: "data/p.json").1.first ?? "" }
        XCTAssertTrue(problem("{\"status\":\"error\",\"error\":\"bad query\"}").contains("status 'error': bad query"))
        XCTAssertTrue(problem("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}").contains("must be a matrix"))
        XCTAssertTrue(
            problem("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"values\":[]},{\"values\":[]}]}}")
                .contains("exactly one series, not 2"))
        XCTAssertTrue(
            problem("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"values\":[[1,\"x\"]]}]}}").contains("value 1"))
        XCTAssertTrue(problem("[1,2]").contains("not a JSON object"))
    }

    func testWindowsAndPeriods() {
        let today = Day("2026-12-01")!
        XCTAssertEqual(KPISeries.cutoff("90d", before: today), Day("2026-09-02"))
        XCTAssertEqual(KPISeries.cutoff("12w", before: today), Day("2026-09-08"))
        XCTAssertEqual(KPISeries.cutoff("6m", before: today), Day("2026-06-01"))
        XCTAssertNil(KPISeries.cutoff("soon", before: today))
        XCTAssertNil(KPISeries.period("0d"))
    }

    func render(_ body: String, files: [String: String], today: String = "2026-12-01") -> (RenderedPage, [String]) {
        let source = PageParser().parse(SourceFile(path: "content/p.md", data: Data(body.utf8))).0!
        let renderer = PageRenderer(
            config: SiteConfig(), routes: RouteTable(outputPath: ["content/p.md": "p.html"]), buildDate: Day(today)!,
            dataFiles: files.mapValues { Data($0.utf8) })
        let (page, problems) = renderer.render(source)
        return (page, problems.sortedForDisplay.map(\.description))
    }

    let csv = "date,value\n2026-08-01,260ms\n2026-11-01,230ms\n2026-11-15,190ms\n"

    func testABlockTakesActualAndHistoryFromTheSeriesWithDatesInTheSparkline() throws {
        let (page, problems) = render(
            "```kpi\n- name: P95\n  target: < 200ms\n  better: lower\n  series: data/p95.csv\n  window: 90d\n```\n", files: ["data/p95.csv": csv])
        XCTAssertEqual(problems, [])
        let kpi = try XCTUnwrap(page.blocks[KPIEntry.self].first)
        XCTAssertEqual(kpi.actual, "190ms")
        XCTAssertEqual(kpi.points, ["230ms", "190ms"], "the August point is outside the 90-day window")
        XCTAssertEqual(kpi.status, .met)
        XCTAssertEqual(kpi.trend, .improving)
        XCTAssertNil(kpi.staleSince)
        XCTAssertTrue(page.html.contains("aria-label=\"Trend: 230ms on 2026-11-01, 190ms on 2026-11-15; target &lt; 200ms\""), page.html)
    }

    func testStaleAfterMarksTheKPI() throws {
        let (page, problems) = render(
            "```kpi\n- name: P95\n  target: < 200ms\n  series: data/p95.csv\n  stale_after: 14d\n```\n", files: ["data/p95.csv": csv])
        XCTAssertEqual(problems, [])
        XCTAssertEqual(page.blocks[KPIEntry.self].first?.staleSince, Day("2026-11-15"))
        XCTAssertTrue(page.html.contains("pb-status-stale"), page.html)
        let (fresh, _) = render(
            "```kpi\n- name: P95\n  target: < 200ms\n  series: data/p95.csv\n  stale_after: 14d\n```\n", files: ["data/p95.csv": csv],
            today: "2026-11-29")
        XCTAssertNil(fresh.blocks[KPIEntry.self].first?.staleSince, "14 days after the newest point is not yet stale")
    }

    func testSeriesMistakesAreErrors() {
        let both = render("```kpi\n- name: P95\n  actual: 1ms\n  series: data/p95.csv\n```\n", files: ["data/p95.csv": csv]).1
        XCTAssertTrue(both.first?.contains("leave out 'actual:' and 'history:'") ?? false, "\(both)")
        let missing = render("```kpi\n- name: P95\n  series: data/none.csv\n```\n", files: [:]).1
        XCTAssertTrue(missing.first?.contains("series file 'data/none.csv' not found") ?? false, "\(missing)")
        let bad = render("```kpi\n- name: P95\n  series: data/p95.csv\n```\n", files: ["data/p95.csv": "date,value\nx,1\n"]).1
        XCTAssertTrue(bad.contains { $0.hasPrefix("data/p95.csv:2: error:") }, "\(bad)")
        let window = render("```kpi\n- name: P95\n  series: data/p95.csv\n  window: a while\n```\n", files: ["data/p95.csv": csv]).1
        XCTAssertTrue(window.first?.contains("'window' must be a number of days") ?? false, "\(window)")
        let alone = render("```kpi\n- name: P95\n  actual: 1ms\n  stale_after: 7d\n```\n", files: [:]).1
        XCTAssertTrue(alone.first?.contains("go with 'series:'") ?? false, "\(alone)")
    }

    func testALongSeriesShowsABoundedSparklineAndDashboardEntry() throws {
        // 5,000 daily figures (a Prometheus export): the page holds a sampled line and a summary, not every point.
        let start = 1_333_238_400  // 2012-04-01
        let values = (0..<5_000).map { "[\(start + $0 * 86_400),\"0.\(100 + $0 % 100)\"]" }.joined(separator: ",")
        let json = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"values\":[\(values)]}]}}"
        let (page, problems) = render(
            "```kpi\n- name: P95\n  target: < 0.2s\n  unit: s\n  series: data/p95.json\n```\n", files: ["data/p95.json": json], today: "2026-12-01")
        XCTAssertEqual(problems, [])
        XCTAssertLessThan(page.html.utf8.count, 6_000, "a page of bounded size")
        let polyline = try XCTUnwrap(page.html.components(separatedBy: "points=\"").dropFirst().first?.components(separatedBy: "\"").first)
        XCTAssertEqual(polyline.split(separator: " ").count, Sparkline.drawnPoints)
        XCTAssertTrue(
            page.html.contains(
                "aria-label=\"Trend of 5000 figures: 0.1s on 2012-04-01 to 0.199s on 2025-12-08; lowest 0.1s, highest 0.199s; target &lt; 0.2s\""),
            page.html)
        let kpi = try XCTUnwrap(page.blocks[KPIEntry.self].first)
        XCTAssertEqual(kpi.points.count, KPIEntry.shownPoints)
        XCTAssertEqual(kpi.points.last, "0.199s")
        XCTAssertEqual(kpi.actual, "0.199s")
        // With a window, only its figures count.
        let windowed = render(
            "```kpi\n- name: P95\n  target: < 0.2s\n  unit: s\n  series: data/p95.json\n  window: 10d\n```\n", files: ["data/p95.json": json],
            today: "2025-12-08"
        ).0
        XCTAssertTrue(windowed.html.contains("aria-label=\"Trend: 0.19s on 2025-11-29,"), windowed.html)
    }

    func testSamplingKeepsTheEndsAndStaysInRange() {
        XCTAssertEqual(Sparkline.sample(5, limit: 120), [0, 1, 2, 3, 4])
        let sampled = Sparkline.sample(1_000_000, limit: 120)
        XCTAssertEqual(sampled.count, 120)
        XCTAssertEqual(sampled.first, 0)
        XCTAssertEqual(sampled.last, 999_999)
        XCTAssertEqual(sampled, sampled.sorted())
    }
}

/// A stale KPI on the dashboard and in the report, from a site on disk.
final class StaleKPIReportTests: XCTestCase {
    func testDashboardAndReportSayStale() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stale-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("data"), withIntermediateDirectories: true)
        try "# KPIs\n\n```kpi\n- name: Error rate\n  target: < 0.1%\n  series: data/errors.csv\n  stale_after: 14d\n```\n".write(
            to: root.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
        try "date,value\n2026-11-01,0.05%\n".write(to: root.appendingPathComponent("data/errors.csv"), atomically: true, encoding: .utf8)
        var options = BuildOptions(root: root)
        options.buildDate = Day("2026-12-01")!
        let (text, problems) = StatusReport(options: options).render(.text)
        XCTAssertEqual(problems, [])
        XCTAssertTrue(text?.contains("- Error rate: Met, 0.05%, target < 0.1%, stale (last figure 2026-11-01)") ?? false, text ?? "")
        XCTAssertTrue(SiteBuild(options: options).run().succeeded)
        let dashboard = try String(contentsOf: root.appendingPathComponent("public/dashboard.html"), encoding: .utf8)
        XCTAssertTrue(dashboard.contains("<span class=\"pb-status pb-status-stale\">Stale</span> <small>last figure 2026-11-01</small>"), dashboard)
    }

}

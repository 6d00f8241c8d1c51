import Foundation
import XCTest

@testable import PlaybookCore

/// Numbers from content that are far outside any sensible range: an error at the value's line, never a trap.
final class HostileNumbersTests: XCTestCase {
    func page(_ block: String) -> Data {
        text("# KPIs\n\n```kpi\n- name: P95\n  target: < 200ms\n  unit: ms\n  series: data/p95.json\n\(block)```\n")
    }

    func prometheus(_ times: [String]) -> Data {
        let values = times.map { "    [\($0), \"0.2\"]" }.joined(separator: ",\n")
        return text(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"job\":\"[1, 2]\"},\n  \"values\":[\n\(values)\n]}]}}\n"
        )
    }

    func testHugePrometheusTimeStampsAreErrorsAtTheirLines() throws {
        for stamp in ["1e19", "-1e19", "1e300", "9.3e18", "-9.3e18", "253402300800"] {
            let result = try check(
                stamp, ["content/kpis.md": page(""), "data/p95.json": prometheus(["1764547200", stamp])], expect: .fails, naming: "data/p95.json")
            let message = result.diagnostics.map(\.description).first { $0.hasPrefix("data/p95.json:") } ?? ""
            XCTAssertTrue(message.hasPrefix("data/p95.json:4: error: Prometheus value 2: time stamp"), "\(stamp): \(message)")
            XCTAssertTrue(message.contains("out of range"), message)
        }
        // The last second of 9999 and the first of year 1 are still days.
        try check("edges", ["content/kpis.md": page(""), "data/p95.json": prometheus(["-62135596800", "253402300799"])], expect: .builds)
    }

    func testHugeWindowsAndStalenessLimitsAreErrorsAtTheirLines() throws {
        let series = prometheus(["1764547200"])
        for (field, value) in [
            ("window", "200000000000000d"), ("window", "9223372036854775807w"), ("stale_after", "9223372036854775807d"),
            ("window", "9223372036854775807m"), ("stale_after", "36526d"),
        ] {
            let result = try check(
                value, ["content/kpis.md": page("  \(field): \(value)\n"), "data/p95.json": series], expect: .fails, naming: "content/kpis.md")
            let message = result.diagnostics.map(\.description).first { $0.hasPrefix("content/kpis.md:") } ?? ""
            XCTAssertTrue(message.hasPrefix("content/kpis.md:8: error: kpi 'P95': '\(field)' \(value) is out of range"), message)
        }
        try check("a century", ["content/kpis.md": page("  window: 1200m\n  stale_after: 5218w\n"), "data/p95.json": series], expect: .builds)
    }

    func testDayArithmeticSaturatesInsteadOfOverflowing() {
        let day = Day("2026-12-07")!
        XCTAssertEqual(day.adding(days: 0), day)
        XCTAssertEqual(day.adding(days: -365), Day("2025-12-07"))
        XCTAssertLessThan(day.adding(days: Int.min), day)
        XCTAssertGreaterThan(day.adding(days: Int.max), day)
        XCTAssertLessThan(day.adding(months: Int.min), day)
        XCTAssertGreaterThan(day.adding(months: Int.max), day)
        XCTAssertEqual(day.adding(months: -12 * 2026), Day(year: 0, month: 12, day: 7))
        XCTAssertEqual(Day(unixTime: -1), Day("1969-12-31"))
        XCTAssertEqual(Day(unixTime: Int.min).year < 0, true)
        XCTAssertEqual(Day(unixTime: Int.max).year > 9999, true)
    }

    func testHugeMeetingDurationsAreRefused() {
        XCTAssertEqual(CadenceBlock.minutes("1h30m"), 90)
        XCTAssertNil(CadenceBlock.minutes("9223372036854775807h"))
        XCTAssertNil(CadenceBlock.minutes("1000000000000000000h1000000000000000000h"))
        XCTAssertNil(CadenceBlock.minutes("24h1m"))
        XCTAssertNil(CadenceBlock.minutes("9223372036854775807m9223372036854775807m"))
    }
}

extension Day {
    init(year: Int, month: Int, day: Int) {
        self = Day(unixTime: 0)
        self.year = year
        self.month = month
        self.day = day
    }
}

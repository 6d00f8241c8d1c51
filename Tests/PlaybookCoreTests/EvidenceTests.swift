import Foundation
import XCTest

@testable import PlaybookCore

/// The `evidence` block: its fields, skills and impact figures, its errors at their lines, the story
/// told as a sentence and a resume bullet, and its dashboard part (the skills × months grid, skills
/// without recent evidence) with a fixed build date. Golden: `Fixtures/evidence/expected`.
final class EvidenceTests: XCTestCase {
    let expected = fixturesFolder().appendingPathComponent("evidence/expected")
    static let log = """
        # Evidence log

        ```evidence
        items:
          - date: 2026-11-20
            title: Cut checkout latency
            skills: [ownership, Business Sense]
            problem: Checkout p95 had crept above the target for three weeks.
            action: Profiled the payment call, added a read-through cache and a timeout budget.
            outcome: Conversion recovered and the on-call pages stopped.
            lesson: Measure before arguing about architecture.
            impact: ["p95 latency: 310ms -> 180ms", "cost: -18%"]
            links: [other.md]
          - date: 2026-08-02
            title: Wrote the orders migration RFC
            skills: clear communication
            action: wrote an RFC for the orders migration and walked three teams through it.
            outcome: All three teams signed off within a week.
          - date: 2026-10-05
            title: Spotted the <disk> alarm gap
            skills: [solving problems early]
            problem: Disks filled without a page.
            impact: ["alerts: 0 -> 4"]
        ```

        """

    func site(_ log: String = log, config: String = "title: Evidence\n") throws -> TempSite {
        try TempSite(["playbook.yml": config, "content/_index.md": "# Home\n", "content/log.md": log, "content/other.md": "# Other\n\nText.\n"])
    }

    func build(_ site: TempSite) -> BuildResult {
        var options = BuildOptions(root: site.root)
        options.buildDate = Day("2026-12-07")!
        return SiteBuild(options: options).run()
    }

    func testImpactFigures() {
        let moved = Evidence.Impact("p95 latency: 310ms -> 180ms")
        XCTAssertEqual(moved?.label, "p95 latency")
        XCTAssertEqual(moved?.before, "310ms")
        XCTAssertEqual(moved?.after, "180ms")
        XCTAssertEqual(moved?.text, "p95 latency 310ms → 180ms")
        XCTAssertEqual(Evidence.Impact("cost: -18%")?.text, "cost -18%")
        XCTAssertEqual(Evidence.Impact("deploys: 2/week → 5/week")?.before, "2/week")
        XCTAssertNil(Evidence.Impact("faster"), "no label")
        XCTAssertNil(Evidence.Impact("speed: much better"), "no figure")
        XCTAssertNil(Evidence.Impact("speed: 3 -> "), "an empty side")
    }

    func testTheStoryAsASentenceAndABullet() {
        let item = Evidence(
            date: Day("2026-11-20")!, title: "Cut latency", skills: ["ownership"], problem: "checkout was slow", action: "Added a cache.",
            outcome: "Conversion recovered.", lesson: "API calls need budgets", impact: [Evidence.Impact("p95: 310ms -> 180ms")!], links: [],
            line: 1)
        XCTAssertEqual(
            EvidenceBlock.sentence(item),
            "Checkout was slow. What I did: added a cache. The result: conversion recovered (p95 310ms → 180ms). What I took from it: API calls need budgets."
        )
        XCTAssertEqual(EvidenceBlock.bullet(item), "Added a cache: p95 310ms → 180ms.")
        var bare = item
        (bare.problem, bare.lesson, bare.impact) = (nil, nil, [])
        XCTAssertEqual(EvidenceBlock.bullet(bare), "Added a cache: conversion recovered.")
    }

    func testErrorsAtTheirLines() throws {
        let log = """
            # Log

            ```evidence
            - date: 2026-13-01
              title: Bad date
              skills: [ownershp]
            - title: No date
              skills: [strategy, ownership]
              impact: ["much faster"]
              colour: red
            - date: 2026-01-02
              title: No skills
            ```

            """
        let result = build(try site(log))
        XCTAssertFalse(result.succeeded)
        XCTAssertEqual(
            result.diagnostics.map(\.description),
            [
                "content/log.md:4: error: evidence: field 'date' must be a real date written YYYY-MM-DD, not '2026-13-01'",
                "content/log.md:6: error: evidence: unknown skill 'ownershp'; did you mean 'ownership'? (skills: clear communication, solving problems early, business sense, ownership, strategic thinking; set them with 'skills:' in playbook.yml)",
                "content/log.md:7: error: evidence: missing required field 'date'",
                "content/log.md:8: error: evidence: unknown skill 'strategy' (skills: clear communication, solving problems early, business sense, ownership, strategic thinking; set them with 'skills:' in playbook.yml)",
                "content/log.md:9: error: evidence: impact 'much faster' must be 'what: figure' or 'what: before -> after' with numbers (p95 latency: 310ms -> 180ms)",
                "content/log.md:10: error: evidence: unknown field 'colour'; known fields: date, title, skills, problem, action, outcome, lesson, impact, links",
                "content/log.md:11: error: evidence: missing required field 'skills' (one or more of: clear communication, solving problems early, business sense, ownership, strategic thinking)",
            ])
    }

    func testTheSitesSkillsComeFromPlaybookYml() throws {
        let log = "# Log\n\n```evidence\n- date: 2026-11-01\n  title: Led the incident review\n  skills: [Incident leadership]\n```\n"
        XCTAssertFalse(build(try site(log)).succeeded)
        let result = build(try site(log, config: "title: E\nskills: [incident leadership, mentoring]\nevidence_stale_after: 30\n"))
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let bad = build(try site(log, config: "title: E\nskills: []\nevidence_stale_after: 0\n"))
        XCTAssertEqual(
            bad.diagnostics.filter { $0.location.path == "playbook.yml" }.map(\.message),
            [
                "'skills' must be a list of names (the skills evidence items name)",
                "'evidence_stale_after' must be a whole number of days from 1 to 3650",
            ])
    }

    func testBlockDashboardAndReportMatchGoldenFiles() throws {
        let site = try site()
        let result = build(site)
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let page = try XCTUnwrap(site.read("public/log.html"))
        let block = try XCTUnwrap(page.components(separatedBy: "<figure class=\"pb-block pb-evidence\">").dropLast(0).last)
        try Golden.assert(
            "<figure class=\"pb-block pb-evidence\">" + block.components(separatedBy: "</figure>")[0] + "</figure>\n",
            matches: expected.appendingPathComponent("block.html"))
        XCTAssertTrue(page.contains("Spotted the &lt;disk&gt; alarm gap"), "content is escaped")
        let dashboard = try XCTUnwrap(site.read("public/dashboard.html"))
        let section = try XCTUnwrap(
            dashboard.components(separatedBy: "<section class=\"pb-dash-section\" aria-labelledby=\"pb-dash-evidence\">").last)
        try Golden.assert(
            section.components(separatedBy: "</section>")[0] + "</section>\n", matches: expected.appendingPathComponent("dashboard-section.html"))
        XCTAssertTrue(dashboard.contains("<li><strong>Evidence</strong> 3 items · 3 without recent evidence</li>"), dashboard)
    }

    /// With the build date fixed: months counted in the grid, the last 60 days for stale skills.
    func testTheGridAndStaleSkills() throws {
        let site = try site()
        var options = BuildOptions(root: site.root)
        options.buildDate = Day("2026-12-07")!
        let summary = StatusSummary(try XCTUnwrap(SiteBuild(options: options).siteModel().site), today: Day("2026-12-07")!)
        let part = try XCTUnwrap(summary.parts.compactMap { $0 as? EvidenceDashboard }.first)
        XCTAssertEqual(part.monthNames, ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"])
        XCTAssertEqual(
            part.grid.map(\.skill), ["clear communication", "solving problems early", "business sense", "ownership", "strategic thinking"])
        XCTAssertEqual(
            part.grid.map(\.counts), [[0, 1, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 0]])
        // 2026-10-05 is 63 days before the build: stale; 2026-08-02 too; nothing ever: stale.
        XCTAssertEqual(part.stale, ["clear communication", "solving problems early", "strategic thinking"])
        XCTAssertEqual(part.latest.map(\.item.title), ["Cut checkout latency", "Spotted the <disk> alarm gap", "Wrote the orders migration RFC"])
    }
}

import Foundation
import XCTest

@testable import PlaybookCore

/// The guide in `docs/` is a Playbook site: it builds with `--strict`, its block examples are real
/// blocks built with it, and its reference pages agree with the code.
final class GuideTests: XCTestCase {
    private var docs: URL { repositoryRoot().appendingPathComponent("docs") }

    private func page(_ name: String) throws -> String {
        try String(contentsOf: docs.appendingPathComponent("content/\(name)"), encoding: .utf8)
    }

    func testTheGuideBuildsStrictWithItsBlocks() throws {
        var options = BuildOptions(root: docs)
        options.strict = true
        let result = SiteBuild(options: options).plan()
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        let files = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) })
        for name in ["getting-started", "writing", "blocks", "sharing", "serve", "themes", "commands", "configuration", "troubleshooting"] {
            XCTAssertNotNil(files["\(name).html"], "the guide has a \(name) page")
        }
        // The getting-started example is a KPI block, rendered with its computed status.
        let start = try XCTUnwrap(files["getting-started.html"])
        XCTAssertTrue(start.contains("Average response time") && start.contains("Missed"), "the KPI example is built")
        // The kpi page of the blocks reference draws its series from docs/data/.
        XCTAssertTrue(try XCTUnwrap(files["blocks.html"]).contains("Error rate"))
    }

    func testConfigurationPageListsEveryKeyAndItsExampleParses() throws {
        let text = try page("configuration.md")
        for key in SiteConfig.knownKeys {
            XCTAssertTrue(text.contains("`\(key)`"), "configuration.md documents '\(key)'")
        }
        let fence = try XCTUnwrap(text.components(separatedBy: "```yaml\n").last?.components(separatedBy: "```").first)
        let (config, problems) = SiteConfigParser().parse(fence)
        XCTAssertEqual(problems.map(\.description), [])
        XCTAssertEqual(config.escalateAt, 12)
        XCTAssertEqual(config.brokenLinks, .error)
    }

    func testSharingPageShowsThePagesWorkflowAsItIs() throws {
        let workflow = try String(contentsOf: docs.appendingPathComponent("github-pages.yml"), encoding: .utf8)
        XCTAssertTrue(try page("sharing.md").contains("```yaml\n" + workflow + "```"), "sharing.md shows docs/github-pages.yml unchanged")
    }
}
